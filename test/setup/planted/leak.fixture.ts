/**
 * Not part of the suite (its name does not end in .test.ts): test/secrets-scan.test.ts runs it on its
 * own to show that a test file whose bot output holds a secret fails, naming the output and the line.
 */
import { expect, it } from "vitest";
import { FAKE_SECRETS } from "../../helpers/fake-secrets.js";
import { recordOutput } from "../../helpers/output-capture.js";

it("writes a secret to its output", () => {
  const output = recordOutput("planted output");
  output.text = `first line\nconnecting with ${FAKE_SECRETS.slackBotToken}\nlast line\n`;
  expect(output.text).toContain("first line");
});
