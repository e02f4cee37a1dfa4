// Dark/light switch in the header. The theme lives on <html data-theme> (set before paint by the
// inline script in layout.tsx) and in localStorage; this reads it as an external store.
"use client";
import { useLayoutEffect, useSyncExternalStore } from "react";
import { Moon, Sun } from "lucide-react";
import { DEFAULT_THEME, isTheme, THEME_STORAGE_KEY, type Theme } from "@/lib/client/theme";
import { Button } from "@/components/ui/button";

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  return () => observer.disconnect();
}

function currentTheme(): Theme {
  const t = document.documentElement.getAttribute("data-theme");
  return isTheme(t) ? t : DEFAULT_THEME;
}

function storedTheme(): Theme | null {
  try {
    const t = localStorage.getItem(THEME_STORAGE_KEY);
    return isTheme(t) ? t : null;
  } catch {
    return null;
  }
}

export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribe, currentTheme, () => DEFAULT_THEME);
  // React resets <html> attributes on the dev-mode remount; put the stored choice back before paint.
  useLayoutEffect(() => {
    const stored = storedTheme();
    if (stored && stored !== currentTheme()) document.documentElement.setAttribute("data-theme", stored);
  }, []);

  const next: Theme = theme === "dark" ? "light" : "dark";
  function toggle() {
    document.documentElement.setAttribute("data-theme", next);
    try {
      localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }
  const Icon = theme === "dark" ? Sun : Moon;
  return (
    <Button variant="ghost" size="sm" onClick={toggle} aria-label={`Switch to ${next} theme`} title={`Switch to ${next} theme`}>
      <Icon aria-hidden className="size-4" />
      <span className="hidden sm:inline">{next === "light" ? "Light" : "Dark"} theme</span>
    </Button>
  );
}
