import { readFile } from "node:fs/promises";

import type { ModelCard } from "../../sdk/src/index.js";
import type { CommandContext } from "../cli/context.js";
import { CliError, fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";
import type { CommandArgs } from "../cli/tasks.js";

export default command<"model register">(async (args, scope) => {
  if (!args.license) throw new CliError("A licence is required.", "Add --license with an SPDX id, e.g. --license MIT.");
  const card = args.card
    ? await readCard(args.card)
    : { name: args.name || args.slug, description: args.description || undefined };
  const context = await scope.open({ ipfs: args.ipfs });
  const { result, receipt } = args.commitReveal
    ? await registerByCommitment(context, args, card)
    : await context.client.registry.registerModel({ slug: args.slug, license: args.license, card });
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `Registered ${result.slug} as model #${result.id}.`,
      fields([
        ["Owner", result.owner],
        ["Licence", result.license],
        ["Model card", result.metadataCid.toString()],
        transactionEntry(receipt),
      ]),
    ].join("\n"),
  );
});

/**
 * Commits, waits a minute, reveals. Run again after an interruption, it reveals the commitment kept for the slug
 * instead of making another.
 */
async function registerByCommitment(context: CommandContext, args: CommandArgs<"model register">, card: ModelCard) {
  const { registry } = context.client;
  const say = (line: string) => {
    if (!args.json) process.stderr.write(`${line}\n`);
  };
  const now = (await context.connection.ethers.provider.getBlock("latest"))!.timestamp;
  const kept = (await registry.readRegistrationCommitments(args.commitmentsFile)).filter(
    (entry) =>
      entry.slug === args.slug && entry.owner === context.account && entry.committedAt > 0 && now <= entry.expiresAt,
  );
  if (kept.length > 0) {
    say(`Revealing the commitment to register "${args.slug}" made at ${utc(kept.at(-1)!.committedAt)}.`);
  } else {
    const { result } = await registry.commitRegistration({ slug: args.slug, commitmentsFile: args.commitmentsFile });
    say(`Committed to registering "${args.slug}" without showing it (commitment ${result.commitment}).`);
  }
  return registry.registerCommitted({
    slug: args.slug,
    license: args.license,
    card,
    commitmentsFile: args.commitmentsFile,
    onWait: (at) => say(`Waiting until ${utc(at.getTime() / 1000)} to reveal it: a commitment must be a minute old.`),
  });
}

function utc(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

async function readCard(file: string): Promise<ModelCard> {
  let card: unknown;
  try {
    card = JSON.parse(await readFile(file, "utf8"));
  } catch (cause) {
    throw new CliError(
      `The model card ${file} could not be read as JSON.`,
      'Give a JSON file with at least a "name".',
      { cause },
    );
  }
  if (typeof card !== "object" || card === null || typeof (card as ModelCard).name !== "string") {
    throw new CliError(`The model card ${file} has no "name".`, 'Add a "name" field to the card.');
  }
  return card as ModelCard;
}
