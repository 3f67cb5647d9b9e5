/**
 * Renders a vega-lite spec to SVG with vega's headless view: no browser and no canvas, and the
 * same spec always gives the same bytes. Every chart of anysim goes through here.
 *
 * vega and vega-lite are imported on the first chart drawn, not when this module loads: together
 * they are about 450 modules, which a command that draws no chart (`anysim run --json` with no
 * report, `anysim catchment`, `anysim --version`) must not pay for (issue 14: instant start).
 */
import type { TopLevelSpec } from 'vega-lite';

interface ChartLibraries {
  readonly vega: typeof import('vega');
  readonly vegaLite: typeof import('vega-lite');
}

let libraries: Promise<ChartLibraries> | undefined;

function chartLibraries(): Promise<ChartLibraries> {
  libraries ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => ({ vega, vegaLite }));
  return libraries;
}

/** The SVG text of `spec`. */
export async function renderVegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  const { vega, vegaLite } = await chartLibraries();
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
