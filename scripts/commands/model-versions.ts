import { print, table } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"model versions">(async (args, scope) => {
  const context = await scope.open();
  const { registry } = context.client;
  const versions = await registry.listVersions({ model: args.slug });
  const slugs = new Map<bigint, string>();
  for (const v of versions) {
    if (v.parent && !slugs.has(v.parent.model))
      slugs.set(v.parent.model, (await registry.getModel(v.parent.model)).slug);
  }
  print(args.json, versions, () =>
    versions.length === 0
      ? `${args.slug} has no versions yet.`
      : table(
          ["#", "tag", "weights CID", "parent", "published", "status"],
          versions.map((v) => [
            v.index,
            v.tag,
            v.weightsCid.toString(),
            v.parent ? `${slugs.get(v.parent.model)}#${v.parent.index}` : "-",
            v.publishedAt.toISOString().slice(0, 16).replace("T", " "),
            v.deprecated ? `deprecated: ${v.deprecationReason}` : "live",
          ]),
        ),
  );
});
