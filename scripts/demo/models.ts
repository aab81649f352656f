// Chapters 2 to 5: two real open models registered, versions published with their lineage, pulled back verified.
import path from "node:path";

import { createClient } from "../../sdk/src/index.js";
import { formatBytes, progressBar, table } from "../cli/output.js";
import { type Demo, prepareModelDir, root, section, sha256Tree, faceApi } from "./context.js";

export type Models = Awaited<ReturnType<typeof registerModels>>;

/** 2. Two real open models registered, their model cards on IPFS. */
export async function registerModels({ client, track }: Demo) {
  section("2. Register two real open models (model cards go to IPFS)");
  const full = track(
    "register face-landmark-68",
    await client.registry.registerModel({
      slug: "face-landmark-68",
      license: "MIT",
      card: {
        name: "Face landmark 68",
        description: "68-point facial landmark regression network, TensorFlow.js graph weights.",
        framework: "tensorflowjs",
        homepage: "https://github.com/vladmandic/face-api",
        tags: ["vision", "face", "landmarks"],
      },
    }),
  ).result;
  const tiny = track(
    "register face-landmark-68-tiny",
    await client.registry.registerModel({
      slug: "face-landmark-68-tiny",
      license: "MIT",
      card: {
        name: "Face landmark 68 (tiny)",
        description: "Distilled 68-point landmark network: about a fifth of the weights of face-landmark-68.",
        framework: "tensorflowjs",
        homepage: "https://github.com/vladmandic/face-api",
        tags: ["vision", "face", "landmarks", "distilled"],
      },
    }),
  ).result;
  console.log(
    table(
      ["id", "slug", "owner", "licence", "model card"],
      [full, tiny].map((m) => [m.id, m.slug, m.owner, m.license, m.metadataCid.toString()]),
    ),
  );
  return { full, tiny };
}

/** 3. Versions published: weights to IPFS, CIDs and lineage on chain; one by a publisher the owner authorises. */
export async function publishVersions(
  { client, track, signers, deployment, ipfs }: Demo,
  { full, tiny }: Models,
): Promise<void> {
  const distiller = signers[1];
  section("3. Publish versions: weights to IPFS, CIDs and lineage on chain");
  const publish = async (label: string, params: Parameters<typeof client.registry.publishVersion>[0]) => {
    const bar = progressBar(`  ${label.padEnd(30)}`);
    const { result } = track(
      `publish ${label}`,
      await client.registry.publishVersion({
        ...params,
        onProgress: ({ bytes, total }) => bar.update(bytes, total),
      }),
    );
    bar.done();
    return result;
  };
  const fullFiles = ["face_landmark_68_model-weights_manifest.json", "face_landmark_68_model.bin"];
  const tinyFiles = ["face_landmark_68_tiny_model-weights_manifest.json", "face_landmark_68_tiny_model.bin"];
  await publish("face-landmark-68@v1.0.0", {
    model: "face-landmark-68",
    tag: "v1.0.0",
    weights: await prepareModelDir("face-landmark-68-v1.0.0", fullFiles, false),
  });
  await publish("face-landmark-68@v1.0.1", {
    model: "face-landmark-68",
    tag: "v1.0.1",
    weights: await prepareModelDir("face-landmark-68-v1.0.1", fullFiles, true),
    config: path.join(faceApi, "model", "face_landmark_68_model-weights_manifest.json"),
    parent: { model: "face-landmark-68", version: { tag: "v1.0.0" } },
  });
  // The distilled model is published by another account the owner authorises: the team's distillation job.
  track(
    "authorise distiller",
    await client.registry.setPublisher({
      model: "face-landmark-68-tiny",
      account: await distiller.getAddress(),
      allowed: true,
    }),
  );
  const distillerClient = createClient({ runner: distiller, deployment, ipfs });
  const bar = progressBar(`  ${"face-landmark-68-tiny@v1.0.0".padEnd(30)}`);
  track(
    "publish face-landmark-68-tiny@v1.0.0",
    await distillerClient.registry.publishVersion({
      model: "face-landmark-68-tiny",
      tag: "v1.0.0",
      weights: await prepareModelDir("face-landmark-68-tiny-v1.0.0", tinyFiles, true),
      parent: { model: "face-landmark-68", version: { tag: "v1.0.1" } },
      onProgress: ({ bytes, total }) => bar.update(bytes, total),
    }),
  );
  bar.done();
  track(
    "deprecate face-landmark-68@v1.0.0",
    await client.registry.deprecateVersion({
      model: "face-landmark-68",
      version: { tag: "v1.0.0" },
      reason: "superseded by v1.0.1, which ships the licence and a README",
    }),
  );

  const rows: (string | number)[][] = [];
  for (const model of [full, tiny]) {
    for (const v of await client.registry.listVersions({ model: model.id })) {
      const parent = v.parent ? `${(await client.registry.getModel(v.parent.model)).slug}#${v.parent.index}` : "-";
      rows.push([model.slug, v.index, v.tag, v.weightsCid.toString(), parent, v.deprecated ? "deprecated" : "live"]);
    }
  }
  console.log(table(["model", "#", "tag", "weights CID", "parent", "status"], rows));
}

/** 4. The lineage of the distilled model, read from the chain. */
export async function showLineage({ client }: Demo): Promise<void> {
  section("4. Lineage on chain");
  const lineage = await client.registry.getLineage({ model: "face-landmark-68-tiny", version: "latest" });
  console.log(lineage.map((v) => `${v.slug}@${v.tag}${v.deprecated ? " (deprecated)" : ""}`).join("  <-  "));
}

/** 5. The latest versions pulled back, verified block by block against the chain. */
export async function pullVersions({ client }: Demo): Promise<void> {
  section("5. Pull the latest versions back, verified block by block against the chain");
  const verification: (string | number)[][] = [];
  for (const slug of ["face-landmark-68", "face-landmark-68-tiny"]) {
    const destination = path.join(root, "pulled", slug);
    const pullBar = progressBar(`  ${slug.padEnd(30)}`);
    const { version, pulled } = await client.registry.pullVersion({
      model: slug,
      version: "latest",
      destination,
      onProgress: ({ bytes, total }) => pullBar.update(bytes, total),
    });
    pullBar.done();
    const source = await sha256Tree(path.join(root, "models", `${slug}-${version.tag}`));
    const copy = await sha256Tree(destination);
    for (const [file, digest] of source) {
      verification.push([`${slug}@${version.tag}`, file, copy.get(file) === digest ? "identical" : "DIFFERENT"]);
    }
    verification.push([
      `${slug}@${version.tag}`,
      `(${pulled.files} files, ${formatBytes(pulled.bytes)})`,
      pulled.cid.equals(version.weightsCid) ? "root CID = chain" : "MISMATCH",
    ]);
  }
  console.log(table(["version", "file", "check"], verification));
  if (verification.some((row) => row[2] === "DIFFERENT" || row[2] === "MISMATCH")) {
    throw new Error("A pulled file differs from what was published.");
  }
}
