/**
 * Renders a vega-lite spec to SVG with vega's headless view: no browser and no canvas, and the
 * same spec always gives the same bytes. Every chart of anysim goes through here.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** The SVG text of `spec`. */
export async function renderVegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
