// The short label of an event marker, drawn in the chart's top margin beside its dotted line:
// outside the plot, it never sits on a threshold label or the data. Near the right edge it reads
// leftwards so it is not cut off. Recharts clones it with the line's viewBox.
import { CHART_INK } from "./chart-colors";

interface MarkerLabelProps {
  text: string;
  alignEnd: boolean;
  viewBox?: { x?: number; y?: number };
}

export function MarkerLabel({ text, alignEnd, viewBox }: MarkerLabelProps) {
  const x = viewBox?.x ?? 0;
  const y = viewBox?.y ?? 0;
  return (
    <text
      x={alignEnd ? x + 3 : x - 3}
      // High enough that a threshold label just under the plot's top edge stays clear of it.
      y={y - 11}
      textAnchor={alignEnd ? "end" : "start"}
      fill={CHART_INK.marker}
      fontSize={12}
      fontWeight={600}
      stroke={CHART_INK.halo}
      strokeWidth={4}
      strokeLinejoin="round"
      paintOrder="stroke"
    >
      {text}
    </text>
  );
}
