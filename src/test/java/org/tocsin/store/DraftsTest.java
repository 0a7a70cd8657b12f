package org.tocsin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.MessageType;
import org.tocsin.store.ActionRefusedException.Reason;
import org.tocsin.store.TestDatabase.Backend;

/** Drafts and their two-person approval, on PostgreSQL and on the embedded database. */
class DraftsTest {

  private static final String CONTENT = "{\"level\":\"shelter\",\"areas\":[\"UA8000000\"]}";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tempDir;

  private final MutableClock clock = new MutableClock(TestRecords.LAUNCH);

  private record People(Account operator, Account approver, Account second, Account viewer) {}

  private People people(TestDatabase db) {
    Accounts accounts = new Accounts(db.database(), clock);
    char[] password = "correct horse battery".toCharArray();
    return new People(
        accounts.create("olena", Role.OPERATOR, password),
        accounts.create("petro", Role.APPROVER, password),
        accounts.create("marta", Role.APPROVER, password),
        accounts.create("vika", Role.VIEWER, password));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aDraftApprovedByAnotherPersonIsJournalledWithWhatItSends(Backend backend) throws Exception {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      People people = people(db);
      Drafts drafts = new Drafts(db.database(), clock);

      Draft draft = drafts.create(people.operator(), AlertStatus.EXERCISE, CONTENT);
      Draft approved = drafts.approve(draft.id(), people.approver(), AlertStatus.EXERCISE);

      assertThat(draft.state()).isEqualTo(DraftState.PENDING);
      assertThat(approved.state()).isEqualTo(DraftState.APPROVED);
      assertThat(approved.status()).isEqualTo(AlertStatus.EXERCISE);
      assertThat(approved.decidedBy()).contains("petro");
      assertThat(approved.threatId()).isEqualTo("M" + draft.id());
      assertThat(drafts.list()).containsExactly(approved);
      List<JsonNode> actions = actions(db);
      JsonNode approval = actions.get(actions.size() - 1);
      assertThat(approval.get("action").asText()).isEqualTo("draft-approved");
      assertThat(approval.get("account").asText()).isEqualTo("petro");
      assertThat(approval.get("status").asText()).isEqualTo("Exercise");
      assertThat(approval.get("threat").asText()).isEqualTo(approved.threatId());
      assertThat(approval.get("content")).isEqualTo(JSON.readTree(CONTENT));
      assertThat(actions.get(actions.size() - 2).get("action").asText()).isEqualTo("draft-created");
      assertThat(AuditVerifier.verify(db.database()).intact()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void theRulesOfApprovalAreKeptHereWhateverTheCallerChecked(Backend backend) throws Exception {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      People people = people(db);
      Drafts drafts = new Drafts(db.database(), clock);
      long id = drafts.create(people.approver(), AlertStatus.ACTUAL, CONTENT).id();
      long before = new Journal(db.database(), clock).lastSequence();

      assertRefused(
          () -> drafts.create(people.viewer(), AlertStatus.EXERCISE, CONTENT),
          Reason.FORBIDDEN,
          "role viewer may not draft");
      assertRefused(
          () -> drafts.approve(id, people.approver(), AlertStatus.ACTUAL),
          Reason.FORBIDDEN,
          "another person must approve it");
      assertRefused(
          () -> drafts.approve(id, people.operator(), AlertStatus.ACTUAL),
          Reason.FORBIDDEN,
          "role operator may not approve");
      assertRefused(
          () -> drafts.approve(id, people.second(), AlertStatus.EXERCISE),
          Reason.CONFLICT,
          "draft "
              + id
              + " is ACTUAL (a REAL alert to the public), but the approval confirmed"
              + " EXERCISE");
      assertThat(drafts.find(id).orElseThrow().state()).isEqualTo(DraftState.PENDING);
      // Refusals change nothing: no record was appended for them.
      assertThat(new Journal(db.database(), clock).lastSequence()).isEqualTo(before);

      drafts.reject(id, people.second(), "wrong area");
      assertRefused(
          () -> drafts.approve(id, people.second(), AlertStatus.ACTUAL),
          Reason.CONFLICT,
          "is rejected already");
      assertThatThrownBy(() -> drafts.approve(404, people.second(), AlertStatus.ACTUAL))
          .isInstanceOf(NoSuchElementException.class);
      assertThatThrownBy(() -> drafts.reject(id, people.second(), " "))
          .hasMessageContaining("reason: must be 1 to 1000 characters");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void auditVerifyDetectsAnApprovalAlteredInTheDatabase(Backend backend) throws Exception {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      People people = people(db);
      Drafts drafts = new Drafts(db.database(), clock);
      long id = drafts.create(people.operator(), AlertStatus.EXERCISE, CONTENT).id();
      drafts.approve(id, people.approver(), AlertStatus.EXERCISE);
      new AlertActions(db.database(), clock)
          .standDown(
              people.operator(),
              "M" + id,
              MessageType.CANCEL,
              AlertStatus.EXERCISE,
              AlertStatus.EXERCISE);
      assertThat(AuditVerifier.verify(db.database()).intact()).isTrue();

      try (Connection connection = db.jdbc();
          Statement statement = connection.createStatement()) {
        assertThat(
                statement.executeUpdate(
                    "UPDATE journal SET payload = REPLACE(payload, '\"Exercise\"', '\"Actual\"')"
                        + " WHERE payload LIKE '%draft-approved%'"))
            .isEqualTo(1);
      }

      AuditResult result = AuditVerifier.verify(db.database());
      assertThat(result.intact()).isFalse();
      long approval =
          actionSequences(db).stream()
              .filter(s -> s.action.equals("draft-approved"))
              .findFirst()
              .orElseThrow()
              .sequence;
      assertThat(result.firstBreak().orElseThrow().sequence()).isEqualTo(approval);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void theDatabaseRefusesASelfApprovalEvenBehindTheStoresBack(Backend backend) throws Exception {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      People people = people(db);
      long id =
          new Drafts(db.database(), clock)
              .create(people.approver(), AlertStatus.ACTUAL, CONTENT)
              .id();
      try (Connection connection = db.jdbc();
          Statement statement = connection.createStatement()) {
        assertThatThrownBy(
                () ->
                    statement.executeUpdate(
                        "UPDATE drafts SET state = 'approved', decided_by = 'petro',"
                            + " decided_at = created_at WHERE id = "
                            + id))
            .isInstanceOf(SQLException.class);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void onlyOperatorsAndApproversStandAlertsDown(Backend backend) throws Exception {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      People people = people(db);
      AlertActions actions = new AlertActions(db.database(), clock);
      assertRefused(
          () ->
              actions.standDown(
                  people.viewer(),
                  "L1",
                  MessageType.CANCEL,
                  AlertStatus.ACTUAL,
                  AlertStatus.ACTUAL),
          Reason.FORBIDDEN,
          "may not stand alerts down");
      assertRefused(
          () ->
              actions.standDown(
                  people.approver(),
                  "L1",
                  MessageType.CORRECTION,
                  AlertStatus.ACTUAL,
                  AlertStatus.EXERCISE),
          Reason.CONFLICT,
          "the alert of threat L1 is ACTUAL (a REAL alert to the public), but the request"
              + " confirmed EXERCISE");
      actions.standDown(
          people.approver(), "L1", MessageType.CORRECTION, AlertStatus.ACTUAL, AlertStatus.ACTUAL);
      JsonNode last = actions(db).get(actions(db).size() - 1);
      assertThat(last.get("action").asText()).isEqualTo("alert-stood-down");
      assertThat(last.get("type").asText()).isEqualTo("CORRECTION");
      assertThat(last.get("threat").asText()).isEqualTo("L1");
    }
  }

  private static void assertRefused(Runnable action, Reason reason, String message) {
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(
            ActionRefusedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(message);
  }

  private record Action(long sequence, String action) {}

  private static List<Action> actionSequences(TestDatabase db) {
    try (Stream<JournalRecord> records =
        new Journal(db.database(), java.time.Clock.systemUTC()).read(1)) {
      return records
          .filter(r -> r.kind() == RecordKind.OPERATOR_ACTION)
          .map(r -> new Action(r.sequence(), parse(r.payloadJson()).get("action").asText()))
          .toList();
    }
  }

  private static List<JsonNode> actions(TestDatabase db) {
    try (Stream<JournalRecord> records =
        new Journal(db.database(), java.time.Clock.systemUTC()).read(1)) {
      return records
          .filter(r -> r.kind() == RecordKind.OPERATOR_ACTION)
          .map(r -> parse(r.payloadJson()))
          .toList();
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
