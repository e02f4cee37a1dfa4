"use client";
// Export buttons: Markdown, JSON, PDF, with a redaction switch. Each export downloads a file (the
// server audits it); a failure shows the API's problem, and a busy button keeps its label.
import { useState } from "react";
import { Download } from "lucide-react";
import { EXPORT_FORMATS, type ExportFormat } from "@/lib/investigations/export/formats";
import { ApiProblem } from "@/lib/client/api-fetch";
import { Button } from "@/components/ui/button";
import { ErrorPanel } from "@/components/ui/error-panel";

const LABEL: Record<ExportFormat, string> = { md: "Markdown", json: "JSON", pdf: "PDF" };

async function download(investigationId: string, format: ExportFormat, redact: boolean): Promise<void> {
  const res = await fetch(`/api/investigations/${investigationId}/export?format=${format}&redact=${redact ? 1 : 0}`, { cache: "no-store" });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { code?: string; title?: string; status?: number; detail?: string } | null;
    throw new ApiProblem({ code: body?.code ?? "http_error", title: body?.title ?? `HTTP ${res.status}`, status: res.status, detail: body?.detail });
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `postmortem.${format}`;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportBar({ investigationId }: { investigationId: string }) {
  const [redact, setRedact] = useState(false);
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<unknown>(null);
  return (
    <div className="space-y-2">
      <div role="group" aria-label="Export the postmortem" className="flex flex-wrap items-center gap-2">
        {EXPORT_FORMATS.map((f) => (
          <Button
            key={f}
            size="sm"
            busy={busy === f}
            disabled={busy !== null && busy !== f}
            onClick={() => {
              setBusy(f);
              setError(null);
              download(investigationId, f, redact)
                .catch(setError)
                .finally(() => setBusy(null));
            }}
          >
            <Download aria-hidden className="size-4" />
            Export {LABEL[f]}
          </Button>
        ))}
        <label className="ml-1 flex items-center gap-2 text-sm">
          <input type="checkbox" checked={redact} onChange={(e) => setRedact(e.target.checked)} />
          Redact key names and clients
        </label>
      </div>
      {error !== null && <ErrorPanel error={error} title="The export failed" live />}
    </div>
  );
}
