// How commands read what people type: addresses, version references, votes. Each refusal is a sentence.
import { isAddress } from "ethers";

import type { VersionSelector, VoteSupport } from "../../sdk/src/index.js";
import { CliError } from "./output.js";

/** An address given on the command line. */
export function address(text: string): string {
  if (!isAddress(text)) throw new CliError(`"${text}" is not an address.`);
  return text;
}

/** An address given on the command line, or `undefined` when it was left out (""). */
export function optionalAddress(text: string): string | undefined {
  return text ? address(text) : undefined;
}

/** Splits `slug@tag` (or `slug`, meaning the latest live version) into a model and a version selector. */
export function parseVersionRef(text: string): { model: string; version: VersionSelector } {
  const at = text.indexOf("@");
  if (at < 0) return { model: text, version: "latest" };
  const model = text.slice(0, at);
  const tag = text.slice(at + 1);
  if (!model || !tag)
    throw new CliError(`"${text}" is not a version reference.`, "Write it as <slug>@<tag>, e.g. my-model@v1.0.0.");
  if (/^#\d+$/.test(tag)) return { model, version: Number(tag.slice(1)) };
  return { model, version: { tag } };
}

/** The vote as written on the command line: for, against or abstain. */
export function parseSupport(text: string): VoteSupport {
  const support = text.toLowerCase();
  if (support !== "for" && support !== "against" && support !== "abstain") {
    throw new CliError(`"${text}" is not a vote.`, "Vote for, against or abstain.");
  }
  return support;
}
