package org.tocsin.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "trajectory", description = "Fit and fly a ballistic trajectory.")
final class TrajectoryCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 0;
  }
}
