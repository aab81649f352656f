import { RegistryNoLiveVersionError, type LineageEntry } from "../../sdk/src/index.js";
import { fields, print } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"model show">(async (args, scope) => {
  const context = await scope.open();
  const { registry } = context.client;
  const model = await registry.getModel(args.slug);
  let lineage: LineageEntry[] = [];
  try {
    lineage = await registry.getLineage({ model: model.id, version: "latest" });
  } catch (error) {
    if (!(error instanceof RegistryNoLiveVersionError)) throw error;
  }
  const latest = lineage[0];
  print(args.json, { ...model, latest, lineage: lineage.slice(1) }, () =>
    fields([
      ["Model", `${model.slug} (#${model.id})`],
      ["Owner", model.owner],
      ["Licence", model.license],
      ["Model card", `ipfs://${model.metadataCid.toV1()}`],
      ["Registered", model.registeredAt.toISOString()],
      ["Versions", model.versionCount],
      ["Latest", latest ? `${latest.tag} (version ${latest.index}) ${latest.weightsCid}` : "none live"],
      [
        "Promoted from",
        latest?.contribution
          ? `subnet ${latest.contribution.netuid}, UID ${latest.contribution.uid} at epoch ${latest.contribution.epoch} (hotkey ${latest.contribution.hotkey}, coldkey ${latest.contribution.coldkey})`
          : undefined,
      ],
      [
        "Parent",
        latest?.parent
          ? `${lineage[1]?.slug ?? `model #${latest.parent.model}`}@${lineage[1]?.tag ?? `#${latest.parent.index}`}${latest.parent.model === model.id ? "" : " (another model)"}`
          : undefined,
      ],
      ["Lineage", lineage.length > 1 ? lineage.map((v) => `${v.slug}@${v.tag}`).join(" <- ") : undefined],
    ]),
  );
});
