// The walk-through's shared parts: where its files live, the state every chapter works with, chapter 1 (the
// deployment), and the model files the chapters publish and fine-tune.
import { createHash } from "node:crypto";
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

import type { NetworkConnection } from "hardhat/types/network";

import { deployProtocol } from "../../deploy/protocol.js";
import type { ModelToken__factory } from "../../sdk/src/contracts.js";
import { createClient, type createEmbeddedIpfs } from "../../sdk/src/index.js";
import { table } from "../cli/output.js";

export const root = path.resolve(".demo");
export const require = createRequire(import.meta.url);
export const faceApi = path.dirname(require.resolve("@vladmandic/face-api/package.json"));
export const faceApiVersion = (require("@vladmandic/face-api/package.json") as { version: string }).version;

export function section(title: string): void {
  console.log(`\n== ${title} ${"=".repeat(Math.max(0, 96 - title.length))}`);
}

/** A model directory as a team would publish it: weights manifest, shard(s), licence and a short README. */
export async function prepareModelDir(name: string, files: string[], withReadme: boolean): Promise<string> {
  const dir = path.join(root, "models", name);
  await mkdir(dir, { recursive: true });
  for (const file of files) await cp(path.join(faceApi, "model", file), path.join(dir, file));
  if (withReadme) {
    await cp(path.join(faceApi, "LICENSE"), path.join(dir, "LICENSE"));
    await writeFile(
      path.join(dir, "README.md"),
      `# ${name}\n\nTensorFlow.js weights from @vladmandic/face-api ${faceApiVersion} (MIT).\n` +
        `Load with tf.loadLayersModel / faceapi.nets.*.loadFromDisk on this directory.\n`,
    );
  }
  return dir;
}

/** How far a candidate moved the output bias of face_landmark_68 (the shift of its quantisation minimum). */
export async function outputBiasShift(base: string, candidate: string): Promise<number> {
  const read = async (dir: string) => {
    const manifest = JSON.parse(
      await readFile(path.join(dir, "face_landmark_68_model-weights_manifest.json"), "utf8"),
    ) as {
      weights: { name: string; quantization?: { min: number } }[];
    }[];
    return (
      manifest.flatMap((group) => group.weights).find((weight) => weight.name === "fc/bias")?.quantization?.min ?? 0
    );
  };
  return (await read(candidate)) - (await read(base));
}

/**
 * A last-layer fine-tune of face_landmark_68: the 136 outputs' bias re-estimated. TensorFlow.js stores it
 * uint8-quantised as `min + scale * q`, so shifting `min` moves every predicted landmark by the same amount
 * (`shift` of the face box, right and down) and leaves the other 356,704 weights untouched.
 */
export async function fineTuneOutputBias(from: string, name: string, shift = 0.004): Promise<string> {
  const dir = path.join(root, "models", name);
  await cp(from, dir, { recursive: true });
  const manifestPath = path.join(dir, "face_landmark_68_model-weights_manifest.json");
  const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as {
    weights: { name: string; quantization?: { min: number } }[];
  }[];
  const bias = manifest.flatMap((group) => group.weights).find((weight) => weight.name === "fc/bias");
  if (!bias?.quantization) throw new Error("face_landmark_68 has no quantised fc/bias to fine-tune.");
  bias.quantization.min += shift;
  await writeFile(manifestPath, JSON.stringify(manifest));
  await writeFile(
    path.join(dir, "README.md"),
    `# ${name}\n\nface_landmark_68 (MIT) with its output layer's bias re-estimated: every landmark +${shift} of the face box.\n`,
  );
  return dir;
}

export async function sha256Tree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out.set(
      path.relative(dir, full),
      createHash("sha256")
        .update(await readFile(full))
        .digest("hex"),
    );
  }
  return out;
}

/** The model the walk-through launches, governs and improves in a subnet. */
export const SLUG = "face-landmark-68";

export type Signer = Awaited<ReturnType<NetworkConnection["ethers"]["getSigners"]>>[number];
export type Client = ReturnType<typeof createClient>;
export type Token = ReturnType<typeof ModelToken__factory.connect>;
export type Receipted = { receipt: { gasUsed: bigint; hash: string } };

/** What every chapter works with: the chain, its accounts, the team's client, and the gas table of chapter 17. */
export interface Demo {
  ethers: NetworkConnection["ethers"];
  networkHelpers: NetworkConnection["networkHelpers"];
  signers: Signer[];
  team: Signer;
  ipfs: Awaited<ReturnType<typeof createEmbeddedIpfs>>;
  deployment: Awaited<ReturnType<typeof deployProtocol>>;
  client: Client;
  gas: (string | bigint)[][];
  /** Adds a write's gas to the table under `what`, and passes its result on. */
  track: <T extends Receipted>(what: string, result: T) => T;
}

/** 1. The protocol deployed on the in-process chain. */
export async function deploy(connection: NetworkConnection): Promise<Demo["deployment"]> {
  section("1. Deploy the protocol on the in-process chain");
  const deployment = await deployProtocol(connection);
  console.log(
    table(
      ["contract", "address", "chain"],
      [["ModelRegistry", deployment.contracts.ModelRegistry.address, deployment.chainId]],
    ),
  );
  return deployment;
}

/** The chapters' shared state; the team's client and `track` as chapter 1 left them. */
export function demoOf(
  connection: NetworkConnection,
  signers: Signer[],
  ipfs: Demo["ipfs"],
  deployment: Demo["deployment"],
): Demo {
  const { ethers, networkHelpers } = connection;
  const [team] = signers;
  const client = createClient({ runner: team, deployment, ipfs });
  const gas: (string | bigint)[][] = [];
  const track = <T extends Receipted>(what: string, result: T): T => {
    gas.push([what, result.receipt.gasUsed]);
    return result;
  };
  return { ethers, networkHelpers, signers, team, ipfs, deployment, client, gas, track };
}
