import { readFile } from "node:fs/promises";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import type { ModelCard } from "../../sdk/src/index.js";
import { openContext } from "../cli/context.js";
import { CliError, fields, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";

interface Args {
  slug: string;
  license: string;
  card: string;
  name: string;
  description: string;
  ipfs: string;
  json: boolean;
}

export default async function modelRegister(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    if (!args.license) throw new CliError("A licence is required.", "Add --license with an SPDX id, e.g. --license MIT.");
    const card = args.card ? await readCard(args.card) : { name: args.name || args.slug, description: args.description || undefined };
    const context = await openContext(hre, { ipfs: args.ipfs });
    try {
      const { result, receipt } = await context.client.registry.registerModel({ slug: args.slug, license: args.license, card });
      print(args.json, { ...result, transaction: receipt.hash }, () =>
        [
          `Registered ${result.slug} as model #${result.id}.`,
          fields([
            ["Owner", result.owner],
            ["Licence", result.license],
            ["Model card", result.metadataCid.toString()],
            ["Transaction", `${receipt.hash} (gas ${receipt.gasUsed})`],
          ]),
        ].join("\n"),
      );
    } finally {
      await context.close();
    }
  });
}

async function readCard(file: string): Promise<ModelCard> {
  let card: unknown;
  try {
    card = JSON.parse(await readFile(file, "utf8"));
  } catch (cause) {
    throw new CliError(`The model card ${file} could not be read as JSON.`, "Give a JSON file with at least a \"name\".", { cause });
  }
  if (typeof card !== "object" || card === null || typeof (card as ModelCard).name !== "string") {
    throw new CliError(`The model card ${file} has no "name".`, 'Add a "name" field to the card.');
  }
  return card as ModelCard;
}
