// One timeline entry: star it, change its text or time (PATCH), or delete a hand-made entry / drop
// a generated entry's edits (DELETE). Answers the whole timeline, as the page shows it.
import { withApi } from "@/lib/api/with-api";
import { editTimelineEntrySchema, timelineEntryPathSchema } from "@/lib/api/schemas/postmortem";
import { editTimelineEntry, removeTimelineEntry } from "@/lib/investigations/timeline-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const PATCH = withApi({
  auth: "responder",
  schemas: { params: timelineEntryPathSchema, body: editTimelineEntrySchema },
  handler: async ({ params, body, user }) => ({ timeline: await editTimelineEntry(params.id, params.entryId, body, user.name) }),
});

export const DELETE = withApi({
  auth: "responder",
  schemas: { params: timelineEntryPathSchema },
  handler: async ({ params }) => ({ timeline: await removeTimelineEntry(params.id, params.entryId) }),
});
