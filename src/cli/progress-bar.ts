/**
 * A progress bar on stderr, drawn only when stderr is a terminal: pipes and CI logs get nothing,
 * so results stay clean and byte-identical.
 */
import type { CliIo } from './cli-io.js';

/** Width of the bar in characters. */
const BAR_WIDTH = 30;
/** ANSI "erase to end of line" (EL), so a shorter redraw leaves nothing of a longer one behind. */
const ERASE_TO_END_OF_LINE = '\u001b[K';

/** Draws `label [#####.....] 42%` in place; `done()` ends the line. */
export class ProgressBar {
  private lastPercent = -1;

  constructor(
    private readonly io: CliIo,
    private readonly label: string,
  ) {}

  /** Names the stage under way ("routing pass") until the bar takes over. */
  phase(text: string): void {
    if (!this.io.stderrIsTTY) return;
    this.lastPercent = -1;
    this.io.stderr(`\r${this.label}: ${text}...${ERASE_TO_END_OF_LINE}`);
  }

  /** Updates the bar to `fraction` in [0, 1]; redraws only when the whole percent changes. */
  update(fraction: number): void {
    if (!this.io.stderrIsTTY) return;
    const percent = Math.max(0, Math.min(100, Math.floor(fraction * 100)));
    if (percent === this.lastPercent) return;
    this.lastPercent = percent;
    const filled = Math.round((percent / 100) * BAR_WIDTH);
    this.io.stderr(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${String(percent).padStart(3)}%${ERASE_TO_END_OF_LINE}`);
  }

  /** Finishes the bar's line. */
  done(): void {
    if (!this.io.stderrIsTTY || this.lastPercent < 0) return;
    this.update(1);
    this.io.stderr('\n');
  }
}
