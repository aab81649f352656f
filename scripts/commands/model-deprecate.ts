import { CliError, print } from "../cli/output.js";
import { parseVersionRef } from "../cli/parse.js";
import { command } from "../cli/run.js";

export default command<"model deprecate">(async (args, scope) => {
  const ref = parseVersionRef(args.ref);
  if (ref.version === "latest") throw new CliError("Name the version to deprecate.", "Write it as <slug>@<tag>.");
  if (!args.undo && !args.reason)
    throw new CliError("A reason is required.", 'Add --reason "...", e.g. --reason "superseded by v1.1.0".');
  const context = await scope.open();
  const { registry } = context.client;
  const { result, receipt } = args.undo
    ? await registry.undeprecateVersion(ref)
    : await registry.deprecateVersion({ ...ref, reason: args.reason });
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    args.undo
      ? `${ref.model}@${result.tag} is live again.`
      : `${ref.model}@${result.tag} is deprecated: ${result.deprecationReason}`,
  );
});
