"use client";
// The postmortem's action items: type (mitigate / prevent / process), what, owner, due date, done.
import { Plus, Trash2 } from "lucide-react";
import { ACTION_ITEM_TYPES, type ActionItem } from "@/lib/investigations/postmortem-schema";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/field";
import { cx } from "@/lib/client/cx";

export function ActionItemsEditor({ items, readOnly, onChange }: { items: ActionItem[]; readOnly: boolean; onChange: (items: ActionItem[]) => void }) {
  const set = (i: number, patch: Partial<ActionItem>) => onChange(items.map((it, k) => (k === i ? { ...it, ...patch } : it)));
  const nextId = () => `a${Math.max(0, ...items.map((i) => Number(i.id.replace(/\D/g, "")) || 0)) + 1}`;
  return (
    <fieldset className="space-y-2" disabled={readOnly}>
      <legend className="text-sm font-semibold">Action items</legend>
      {items.length === 0 && <p className="text-sm text-muted">No action items. Add what must change so this does not happen again.</p>}
      <ul className="space-y-2">
        {items.map((it, i) => (
          <li key={it.id} className="grid gap-2 rounded-md border border-line p-2 md:grid-cols-[8rem_1fr_9rem_10rem_auto_auto] md:items-center">
            <select aria-label={`Type of action item ${i + 1}`} className={controlClasses} value={it.type} onChange={(e) => set(i, { type: e.target.value as ActionItem["type"] })}>
              {ACTION_ITEM_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
            <input aria-label={`Action item ${i + 1}`} className={controlClasses} value={it.text} maxLength={2000} onChange={(e) => set(i, { text: e.target.value })} />
            <input aria-label={`Owner of action item ${i + 1}`} placeholder="Owner" className={controlClasses} value={it.owner} maxLength={200} onChange={(e) => set(i, { owner: e.target.value })} />
            <input aria-label={`Due date of action item ${i + 1}`} type="date" className={controlClasses} value={it.due} onChange={(e) => set(i, { due: e.target.value })} />
            <label className={cx("flex items-center gap-1.5 text-sm", it.done && "text-ok")}>
              <input type="checkbox" checked={it.done} onChange={(e) => set(i, { done: e.target.checked })} />
              {it.done ? "Done" : "Open"}
            </label>
            <Button size="sm" variant="ghost" aria-label={`Remove action item ${i + 1}`} onClick={() => onChange(items.filter((_, k) => k !== i))}>
              <Trash2 aria-hidden className="size-4" />
            </Button>
          </li>
        ))}
      </ul>
      {!readOnly && (
        <Button size="sm" onClick={() => onChange([...items, { id: nextId(), type: "prevent", text: "", owner: "", due: "", done: false }])}>
          <Plus aria-hidden className="size-4" />
          Add action item
        </Button>
      )}
    </fieldset>
  );
}
