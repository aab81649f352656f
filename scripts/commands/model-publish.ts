import { CliError, fields, print, transactionEntry } from "../cli/output.js";
import { parseVersionRef } from "../cli/parse.js";
import { command } from "../cli/run.js";

export default command<"model publish">(async (args, scope) => {
  // The former spelling, `model publish <dir> --model <slug>`, gives the directory first and the model as an option.
  if (args.model && args.dir)
    throw new CliError("The model is named twice.", "Write: model publish <slug> <dir> --tag <tag>.");
  const [model, dir] = args.model ? [args.model, args.slug] : [args.slug, args.dir];
  if (!dir)
    throw new CliError(
      "Which weights? Give the directory (or file) after the slug.",
      "Write: model publish <slug> <dir> --tag <tag>.",
    );
  if (!args.tag) throw new CliError("A version tag is required.", "Add --tag, e.g. --tag v1.0.0.");
  const context = await scope.open({ ipfs: args.ipfs });
  const bar = scope.progress("Uploading");
  const { result, receipt } = await context.client.registry.publishVersion({
    model,
    tag: args.tag,
    weights: dir,
    config: args.configFile || undefined,
    parent: args.parent ? parseVersionRef(args.parent) : undefined,
    datasets: args.datasets
      ? args.datasets
          .split(",")
          .map((cid) => cid.trim())
          .filter(Boolean)
      : undefined,
    onProgress: ({ bytes, total }) => bar?.update(bytes, total),
  });
  bar?.done();
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `Published ${model}@${result.tag} as version ${result.index}.`,
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
