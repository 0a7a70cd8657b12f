package org.tocsin.ingest;

import java.util.List;

/** Reports refused, with one line per problem naming the field and the rule. */
public final class InvalidReportException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public InvalidReportException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
