// An investigation's timeline: generated from its records, alerts and markers, with people's stars,
// edits and hand-made entries; POST adds an entry by hand.
import { withApi } from "@/lib/api/with-api";
import { investigationIdSchema } from "@/lib/api/schemas/investigation";
import { addTimelineEntrySchema } from "@/lib/api/schemas/postmortem";
import { addTimelineEntry, loadTimeline } from "@/lib/investigations/timeline-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({
  auth: "viewer",
  schemas: { params: investigationIdSchema },
  handler: async ({ params }) => ({ timeline: await loadTimeline(params.id) }),
});

export const POST = withApi({
  auth: "responder",
  status: 201,
  schemas: { params: investigationIdSchema, body: addTimelineEntrySchema },
  handler: async ({ params, body, user }) => ({ timeline: await addTimelineEntry(params.id, body, user.name) }),
});
