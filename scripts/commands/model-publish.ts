import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { openContext, parseVersionRef } from "../cli/context.js";
import { CliError, fields, print, progressBar } from "../cli/output.js";
import { runCommand } from "../cli/run.js";

interface Args {
  dir: string;
  model: string;
  tag: string;
  parent: string;
  configFile: string;
  datasets: string;
  ipfs: string;
  json: boolean;
}

export default async function modelPublish(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    if (!args.model) throw new CliError("Which model? Add --model <slug>.");
    if (!args.tag) throw new CliError("A version tag is required.", "Add --tag, e.g. --tag v1.0.0.");
    const context = await openContext(hre, { ipfs: args.ipfs });
    const bar = args.json ? undefined : progressBar("Uploading");
    try {
      const { result, receipt } = await context.client.registry.publishVersion({
        model: args.model,
        tag: args.tag,
        weights: args.dir,
        config: args.configFile || undefined,
        parent: args.parent ? parseVersionRef(args.parent) : undefined,
        datasets: args.datasets ? args.datasets.split(",").map((cid) => cid.trim()).filter(Boolean) : undefined,
        onProgress: ({ bytes, total }) => bar?.update(bytes, total),
      });
      bar?.done();
      print(args.json, { ...result, transaction: receipt.hash }, () =>
        [
          `Published ${args.model}@${result.tag} as version ${result.index}.`,
          fields([
            ["Weights", result.weightsCid.toString()],
            ["Config", result.configCid?.toString()],
            ["Parent", result.parent ? `model #${result.parent.model} version ${result.parent.index}` : undefined],
            ["Datasets", result.datasetCids.length ? result.datasetCids.join(", ") : undefined],
            ["Transaction", `${receipt.hash} (gas ${receipt.gasUsed})`],
          ]),
        ].join("\n"),
      );
    } finally {
      bar?.done();
      await context.close();
    }
  });
}
