package dev.ocisc.cli;

import dev.ocisc.progress.Progress;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress drawn as one bar on a terminal by the progressbar library; only made once {@link ProgressDisplay} knows
 * stderr is a terminal, so that no other run loads it. Work started while a bar is up (two images at once) joins
 * that bar: one line is redrawn in place, two would overwrite each other.
 */
final class ProgressBars implements Progress {
    private final PrintStream out;
    private final int columns;
    private final boolean unicode;
    /** The bar on screen and how many tasks it counts; guarded by this. */
    private ProgressBar bar;
    private Line line;
    private int open;

    ProgressBars(PrintStream out, int columns, boolean unicode) {
        this.out = out;
        this.columns = columns;
        this.unicode = unicode;
    }

    @Override
    public synchronized Task start(String label, long total, Unit unit) {
        if (bar == null) {
            line = new Line(out, columns - 1);
            ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(label).setInitialMax(total < 0 ? -1 : total)
                    .setStyle(unicode ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200).setConsumer(line).clearDisplayOnFinish();
            if (unit == Unit.BYTES) {
                b.setUnit(" MiB", 1 << 20).showSpeed();
            }
            bar = b.build();
        } else if (total >= 0 && bar.getMax() >= 0) {
            bar.maxHint(bar.getMax() + total);
        } else {
            bar.maxHint(-1);
        }
        open++;
        ProgressBar shown = bar;
        AtomicBoolean closed = new AtomicBoolean();
        return new Task() {
            @Override
            public void advance(long units) {
                shown.stepBy(units);
            }

            @Override
            public void note(String what) {
                shown.setExtraMessage(what);
            }

            @Override
            public void close() {
                if (closed.compareAndSet(false, true)) {
                    finished();
                }
            }
        };
    }

    private synchronized void finished() {
        if (--open == 0) {
            bar.close(); // draws the last state and clears the line: the terminal is left as without a bar
            // ... except when it closes before its first drawing has run: then that drawing is all it does
            line.clear();
            bar = null;
            line = null;
        }
    }

    /**
     * One line redrawn in place with a carriage return, padded to its width so that a shorter redraw leaves
     * nothing behind; cleared with spaces. No escape sequence: any terminal draws it.
     */
    private static final class Line implements ProgressBarConsumer {
        private final PrintStream out;
        private final int width;
        /** Something is drawn that a clear would take down; drawn and cleared on the bar's thread and on close. */
        private boolean drawn;

        Line(PrintStream out, int width) {
            this.out = out;
            this.width = width;
        }

        @Override
        public int getMaxRenderedLength() {
            return width;
        }

        @Override
        public synchronized void accept(String rendered) {
            String s = rendered.length() > width ? rendered.substring(0, width) : rendered;
            out.print('\r' + s + " ".repeat(width - s.length()));
            out.flush();
            drawn = true;
        }

        @Override
        public synchronized void clear() {
            if (drawn) {
                out.print('\r' + " ".repeat(width) + '\r');
                out.flush();
                drawn = false;
            }
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
