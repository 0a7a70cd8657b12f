package org.tocsin.delivery.webpush;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The npm packages that tests and benchmarks use as real peers, installed with {@code npm ci} from
 * the committed {@code src/test/node/package-lock.json} into {@code target/node-peers}: once, then
 * reused without the network while the lock file is unchanged. Node and npm come from Debian's
 * packages ({@code .ci/run} installs them where missing).
 */
final class NodePeers {

  static final Path SOURCE = Path.of("src", "test", "node");
  static final Path TARGET = Path.of("target", "node-peers");
  private static final long INSTALL_MINUTES = 10;

  private NodePeers() {}

  /** {@code node_modules} with the locked packages in it, installed if need be. */
  static synchronized Path modules() {
    requireCommand("node");
    Path modules = TARGET.resolve("node_modules");
    try {
      byte[] lock = Files.readAllBytes(SOURCE.resolve("package-lock.json"));
      Path installedLock = TARGET.resolve("package-lock.json");
      boolean current =
          Files.isDirectory(modules.resolve("web-push-testing"))
              && Files.isDirectory(modules.resolve("web-push"))
              && Files.exists(installedLock)
              && java.util.Arrays.equals(lock, Files.readAllBytes(installedLock));
      if (current) {
        return modules.toAbsolutePath();
      }
      requireCommand("npm");
      Files.createDirectories(TARGET);
      Files.copy(
          SOURCE.resolve("package.json"),
          TARGET.resolve("package.json"),
          StandardCopyOption.REPLACE_EXISTING);
      Files.copy(
          SOURCE.resolve("package-lock.json"), installedLock, StandardCopyOption.REPLACE_EXISTING);
      Path log = TARGET.resolve("npm-ci.log");
      Process npm =
          new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
              .directory(TARGET.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!npm.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES)) {
        npm.destroyForcibly();
        throw new IllegalStateException("npm ci took over " + INSTALL_MINUTES + " minutes");
      }
      if (npm.exitValue() != 0) {
        throw new IllegalStateException(
            "npm ci in " + TARGET + " failed (" + npm.exitValue() + "): " + Files.readString(log));
      }
      return modules.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install the npm peers in " + TARGET, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted installing the npm peers", e);
    }
  }

  /** Fails, saying what to install, when {@code command} is not on the PATH. */
  static void requireCommand(String command) {
    boolean found =
        List.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)).stream()
            .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    if (!found) {
      throw new IllegalStateException(
          command
              + " is not on the PATH: the Web Push tests run real npm peers; install Debian's"
              + " nodejs and npm (apt-get install nodejs npm), as .ci/run does");
    }
  }
}
