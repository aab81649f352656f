import { CliError, fields, print, transactionEntry } from "../cli/output.js";
import { parseVersionRef } from "../cli/parse.js";
import { command } from "../cli/run.js";

export default command<"model publish">(async (args, scope) => {
  if (!args.model) throw new CliError("Which model? Add --model <slug>.");
  if (!args.tag) throw new CliError("A version tag is required.", "Add --tag, e.g. --tag v1.0.0.");
  const context = await scope.open({ ipfs: args.ipfs });
  const bar = scope.progress("Uploading");
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
        transactionEntry(receipt),
      ]),
    ].join("\n"),
  );
});
