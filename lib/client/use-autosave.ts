// Debounced autosave of a document: the latest edit is saved `delayMs` after typing stops, one save
// at a time (an edit made during a save is saved right after it), and a failed save keeps the
// edit in memory and says so; retry() sends it again. Nothing typed is dropped by a failure.
import { useCallback, useEffect, useRef, useState } from "react";

export type SaveState = "saved" | "pending" | "saving" | "error";

export function useAutosave<T, R>(opts: { save: (value: T) => Promise<R>; onSaved: (result: R) => void; delayMs?: number }) {
  const [state, setState] = useState<SaveState>("saved");
  const [error, setError] = useState<unknown>(null);
  const latest = useRef<{ value: T; dirty: boolean } | null>(null);
  const saving = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const optsRef = useRef(opts);
  useEffect(() => {
    optsRef.current = opts;
  });

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    if (saving.current) return;
    saving.current = true;
    // An edit made during a save is saved right after it, in this loop.
    while (latest.current?.dirty) {
      const value = latest.current.value;
      latest.current.dirty = false;
      setState("saving");
      try {
        optsRef.current.onSaved(await optsRef.current.save(value));
        setError(null);
      } catch (err) {
        // Still dirty: the failed value (or a newer edit) is kept for retry().
        latest.current.dirty = true;
        saving.current = false;
        setError(err);
        setState("error");
        return;
      }
    }
    saving.current = false;
    setState("saved");
  }, []);

  const change = useCallback(
    (value: T) => {
      latest.current = { value, dirty: true };
      setState((s) => (s === "error" ? s : "pending"));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), optsRef.current.delayMs ?? 800);
    },
    [flush],
  );

  // Leaving the page with an unsaved edit asks first.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (latest.current?.dirty || saving.current) e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      clearTimeout(timer.current);
    };
  }, []);

  return { state, error, change, retry: flush };
}
