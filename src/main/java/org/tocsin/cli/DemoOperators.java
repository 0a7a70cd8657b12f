package org.tocsin.cli;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;
import org.tocsin.alert.AlertStatus;
import org.tocsin.store.Accounts;
import org.tocsin.store.Role;

/**
 * The demo's console accounts: an operator and an approver with fresh random passwords, on the
 * demo's temporary database, so that a newcomer can try the two-person flow. The demo takes only
 * Exercise and Test drafts ({@link #STATUSES}): it never issues an Actual alert, even on a laptop.
 *
 * @param operatorPassword the operator's password, printed once at start
 * @param approverPassword the approver's password, printed once at start
 */
record DemoOperators(String operatorPassword, String approverPassword) {

  static final String OPERATOR = "demo-operator";
  static final String APPROVER = "demo-approver";

  /** What the demo's operators may draft. */
  static final Set<AlertStatus> STATUSES = EnumSet.of(AlertStatus.EXERCISE, AlertStatus.TEST);

  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

  /** Makes the two accounts, with new passwords. */
  static DemoOperators create(Accounts accounts) {
    SecureRandom random = new SecureRandom();
    DemoOperators operators = new DemoOperators(password(random), password(random));
    accounts.create(OPERATOR, Role.OPERATOR, operators.operatorPassword.toCharArray());
    accounts.create(APPROVER, Role.APPROVER, operators.approverPassword.toCharArray());
    return operators;
  }

  /** 16 characters that cannot be misread (no 0/o, 1/l). */
  private static String password(SecureRandom random) {
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }
}
