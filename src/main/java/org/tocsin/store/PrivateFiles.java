package org.tocsin.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data folder and its files, readable by their owner alone: the folder {@code rwx------}
 * (0700), each file {@code rw-------} (0600). The folder holds the embedded database, with its
 * password hashes and journal, and the CAP signing key, which no other local user may read. A
 * folder left open by an earlier version is closed on the next start. On a file system without
 * POSIX permissions nothing is changed.
 */
public final class PrivateFiles {

  private static final Set<PosixFilePermission> FOLDER =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private PrivateFiles() {}

  /**
   * Creates {@code folder} (and any missing parent) for its owner alone, or closes an existing one
   * and the files directly in it to everyone else.
   *
   * @throws UncheckedIOException when the folder cannot be made or its permissions set
   */
  public static void folder(Path folder) {
    try {
      if (POSIX && !Files.isDirectory(folder)) {
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
      } else {
        Files.createDirectories(folder);
      }
      closeToOthers(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the private folder " + folder, e);
    }
  }

  /**
   * Sets the folder's permissions to 0700 and those of the regular files directly in it to 0600.
   *
   * @throws UncheckedIOException when a permission cannot be set
   */
  public static void closeToOthers(Path folder) {
    if (!POSIX || !Files.isDirectory(folder)) {
      return;
    }
    try {
      Files.setPosixFilePermissions(folder, FOLDER);
      try (Stream<Path> entries = Files.list(folder)) {
        for (Path entry : entries.filter(Files::isRegularFile).toList()) {
          Files.setPosixFilePermissions(entry, FILE);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + folder + " to other users", e);
    }
  }

  /**
   * Writes {@code bytes} to a new file that is its owner's alone from the moment it exists,
   * replacing any file there (a half-made one, say).
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void write(Path file, byte[] bytes) {
    try {
      Files.deleteIfExists(file);
      if (POSIX) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
      }
      try (OutputStream out =
          Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        out.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
