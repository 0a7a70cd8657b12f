package org.tocsin.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The commands' progress bar on standard error. */
final class ConsoleProgress {

  /** Steps in a full bar: step to {@code Math.round(share * STEPS)} for a share from 0 to 1. */
  static final int STEPS = 1000;

  private ConsoleProgress() {}

  /** An ASCII bar without an estimate of the time left, named after the task, to stderr. */
  static ProgressBar bar(String task) {
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(STEPS)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .hideEta()
        .build();
  }
}
