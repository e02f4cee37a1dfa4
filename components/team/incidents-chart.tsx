"use client";
// Incidents (investigations started) per week, stacked by playbook: Recharts bars in the theme's
// chart colours, with a table of the same numbers for screen readers and for exact values.
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { TeamView } from "@/lib/investigations/team-view";
import { CHART_INK, seriesColor } from "@/components/charts/chart-colors";

export function IncidentsChart({ weeks, titles }: { weeks: TeamView["weeks"]; titles: Record<string, string> }) {
  const playbooks = [...new Set(weeks.flatMap((w) => Object.keys(w.counts)))].sort();
  const data = weeks.map((w) => ({ week: w.week.slice(5), ...w.counts }));
  const total = weeks.reduce((s, w) => s + w.total, 0);
  return (
    <figure aria-label="Incidents by playbook per week" className="space-y-2">
      <div aria-hidden className="h-64 w-full overflow-x-auto">
        <BarChart width={720} height={250} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid stroke={CHART_INK.grid} vertical={false} />
          <XAxis dataKey="week" tick={{ fill: CHART_INK.tick, fontSize: 12 }} stroke={CHART_INK.axis} />
          <YAxis allowDecimals={false} tick={{ fill: CHART_INK.tick, fontSize: 12 }} stroke={CHART_INK.axis} />
          <Tooltip contentStyle={{ background: "var(--surface)", border: "1px solid var(--line-strong)", color: "var(--fg)" }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {playbooks.map((p, i) => (
            <Bar key={p} dataKey={p} name={titles[p] ?? p} stackId="incidents" fill={seriesColor(i)} isAnimationActive={false} />
          ))}
        </BarChart>
      </div>
      <figcaption className="text-sm text-muted">
        {total} investigation{total === 1 ? "" : "s"} started in the last {weeks.length} weeks (weeks start on Monday, UTC).
      </figcaption>
      <table className="sr-only">
        <caption>Investigations per week and playbook</caption>
        <thead>
          <tr>
            <th>Week of</th>
            {playbooks.map((p) => (
              <th key={p}>{titles[p] ?? p}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.week}>
              <td>{w.week}</td>
              {playbooks.map((p) => (
                <td key={p}>{w.counts[p] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
