// Theme persistence shared by the inline pre-paint script (layout) and the header toggle.
export const THEMES = ["dark", "light"] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_STORAGE_KEY = "redline-theme";
/** Dark by default: the dashboard is opened at night, often next to a terminal. */
export const DEFAULT_THEME: Theme = "dark";

/** Runs in <head> before first paint, so a light-theme user never sees a dark flash. */
export const THEME_INIT_SCRIPT = `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});if(t==="light"||t==="dark")document.documentElement.setAttribute("data-theme",t)}catch(e){}})()`;

export function isTheme(value: unknown): value is Theme {
  return value === "dark" || value === "light";
}
