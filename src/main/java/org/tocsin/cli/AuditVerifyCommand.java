package org.tocsin.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.tocsin.store.AuditResult;
import org.tocsin.store.AuditVerifier;
import org.tocsin.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tocsin audit verify}: recomputes the journal's hash chain. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Recomputes the hash chain over every journal record, from the first, and reports the first"
          + " record that was changed, removed or inserted.",
      "Prints 'audit trail intact: N records' or 'audit trail broken at record N: why'.",
      "Exit status: 0 intact, 3 broken, 2 bad input (such as a database that cannot be reached),"
          + " 1 internal error."
    })
final class AuditVerifyCommand implements Callable<Integer> {

  static final int BROKEN = 3;

  @Spec CommandSpec spec;

  @Mixin DatabaseOption database;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    AuditResult result;
    try (Database opened = database.open(true)) {
      result = AuditVerifier.verify(opened);
    }
    if (result.firstBreak().isPresent()) {
      AuditResult.Break broken = result.firstBreak().get();
      out.println("audit trail broken at record " + broken.sequence() + ": " + broken.reason());
      out.flush();
      return BROKEN;
    }
    out.println("audit trail intact: " + result.records() + " records");
    out.flush();
    return 0;
  }
}
