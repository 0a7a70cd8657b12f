package org.tocsin.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The server's OpenAPI 3.1 description, as it serves it, used to check live responses: the path and
 * the method are described, the status is one the operation declares, the media type one the
 * response declares, and a JSON body is valid against the declared schema (networknt's validator,
 * OpenAPI 3.1 dialect, formats asserted).
 */
final class OpenApiContract {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String IRI = "https://tocsin.invalid/openapi.json";

  private final JsonNode spec;
  private final SchemaRegistry registry;
  private final List<String> checked = new ArrayList<>();

  OpenApiContract(String specJson) throws Exception {
    this.spec = MAPPER.readTree(specJson);
    this.registry =
        SchemaRegistry.withDefaultDialect(
            Dialects.getOpenApi31(),
            builder ->
                builder
                    .schemas(Map.of(IRI, specJson))
                    .schemaRegistryConfig(
                        SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
  }

  /** The operations checked so far, as "METHOD template status". */
  List<String> checked() {
    return checked;
  }

  /** The problems of one exchange; empty when it keeps to the description. */
  List<String> problems(String method, String path, int status, String contentType, String body)
      throws Exception {
    List<String> problems = new ArrayList<>();
    String where = method + " " + path + " → " + status;
    String template = template(path);
    if (template == null) {
      return List.of(where + ": path not described");
    }
    String operationPointer = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT);
    JsonNode operation = spec.at(operationPointer);
    if (operation.isMissingNode()) {
      return List.of(where + ": method not described for " + template);
    }
    String responsePointer = operationPointer + "/responses/" + status;
    JsonNode declared = spec.at(responsePointer);
    JsonNode response = resolve(declared);
    if (response.isMissingNode()) {
      return List.of(where + ": status not declared by " + operation.path("operationId").asText());
    }
    checked.add(method + " " + template + " " + status);
    JsonNode content = response.path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      if (body != null && !body.isEmpty()) {
        problems.add(where + ": a body where the description declares none");
      }
      return problems;
    }
    String mediaType =
        contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!content.has(mediaType)) {
      problems.add(
          where + ": media type '" + contentType + "' not declared, only " + names(content));
      return problems;
    }
    if (mediaType.endsWith("json") && !content.get(mediaType).has("schema")) {
      problems.add(where + ": no schema declared for " + mediaType);
    } else if (mediaType.endsWith("json")) {
      Schema schema =
          registry.getSchema(
              SchemaLocation.of(
                  IRI
                      + "#"
                      + pointerOf(declared, responsePointer)
                      + "/content/"
                      + escape(mediaType)
                      + "/schema"));
      for (Error error : schema.validate(MAPPER.readTree(body))) {
        problems.add(where + ": " + error.getInstanceLocation() + " " + error.getMessage());
      }
    }
    return problems;
  }

  /** The problems of a response as received. */
  List<String> problems(String method, String path, HttpResponse<String> response)
      throws Exception {
    return problems(
        method,
        path,
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(null),
        response.body());
  }

  /** The problems of a JSON document against a named component schema. */
  List<String> problemsOfComponent(String name, String json) throws Exception {
    Schema schema =
        registry.getSchema(SchemaLocation.of(IRI + "#/components/schemas/" + escape(name)));
    List<String> problems = new ArrayList<>();
    for (Error error : schema.validate(MAPPER.readTree(json))) {
      problems.add(name + ": " + error.getInstanceLocation() + " " + error.getMessage());
    }
    return problems;
  }

  /** The described path template a concrete path matches; null when none does. */
  private String template(String path) {
    String bare = path.split("\\?", 2)[0];
    for (Iterator<String> names = spec.path("paths").fieldNames(); names.hasNext(); ) {
      String template = names.next();
      String regex = Pattern.quote(template).replaceAll("\\{[^}]+\\}", "\\\\E[^/]+\\\\Q");
      if (bare.matches(regex)) {
        return template;
      }
    }
    return null;
  }

  private JsonNode resolve(JsonNode node) {
    return node.has("$ref") ? spec.at(node.get("$ref").asText().substring(1)) : node;
  }

  private static String pointerOf(JsonNode node, String pointer) {
    return node.has("$ref") ? node.get("$ref").asText().substring(1) : pointer;
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static List<String> names(JsonNode content) {
    List<String> names = new ArrayList<>();
    content.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
