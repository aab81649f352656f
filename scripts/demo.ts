// The main job on embedded defaults: an in-process chain and an embedded IPFS node. A model team registers two
// real open models (MIT-licensed TensorFlow.js face landmark models, the full one and its distilled tiny
// variant), publishes versions whose parent links record the lineage, deprecates a superseded version, and
// pulls everything back verified against the chain. Then it launches the full model's Initial Model Offering
// from deploy/launches/face-landmark-68.json; five investors oversubscribe it, the sale settles, and the
// tables show where every wei and every token went. Finally the model earns: inference fees arrive in ETH and
// in a stablecoin, streamed to holders over a day; a holder sells half mid-stream and each side earns exactly
// its share of the time it held; everyone claims, one burns tokens for the reserve, and each asset balances to
// the unit. Last, the model's DAO at work: holders delegate, a team member proposes a fine-tuned version (its
// weights go to IPFS with the proposal), holders vote (one by a signature a keeper relays), the proposal is
// queued and executed, and the registry shows the version the DAO published. Then a subnet competes to improve
// the model: miners publish fine-tuned candidates on IPFS, validators (FL68 stakers) fetch and score them,
// commit and reveal their weights, Yuma consensus epochs run in steps, the metagraph prints, and everyone claims.
//
// Run: npm run demo        (state lives in .demo/ and is wiped at each run)
import { createHash } from "node:crypto";
import { cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import { deployProtocol } from "../deploy/protocol.js";
import { formatEther, formatUnits, parseUnits } from "ethers";

import { ModelToken__factory } from "../sdk/src/contracts.js";
import { createClient, createEmbeddedIpfs, readLaunchConfig } from "../sdk/src/index.js";
import { formatBytes, progressBar, table } from "./cli/output.js";
import { stepBar } from "./cli/subnet.js";

const root = path.resolve(".demo");
const require = createRequire(import.meta.url);
const faceApi = path.dirname(require.resolve("@vladmandic/face-api/package.json"));
const faceApiVersion = (require("@vladmandic/face-api/package.json") as { version: string }).version;

function section(title: string): void {
  console.log(`\n== ${title} ${"=".repeat(Math.max(0, 96 - title.length))}`);
}

/** A model directory as a team would publish it: weights manifest, shard(s), licence and a short README. */
async function prepareModelDir(name: string, files: string[], withReadme: boolean): Promise<string> {
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
async function outputBiasShift(base: string, candidate: string): Promise<number> {
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
async function fineTuneOutputBias(from: string, name: string, shift = 0.004): Promise<string> {
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

async function sha256Tree(dir: string): Promise<Map<string, string>> {
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
const SLUG = "face-landmark-68";

type Signer = Awaited<ReturnType<NetworkConnection["ethers"]["getSigners"]>>[number];
type Client = ReturnType<typeof createClient>;
type Token = ReturnType<typeof ModelToken__factory.connect>;
type Receipted = { receipt: { gasUsed: bigint; hash: string } };

/** What every chapter works with: the chain, its accounts, the team's client, and the gas table of chapter 13. */
interface Demo {
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

type Models = Awaited<ReturnType<typeof registerModels>>;
type Launch = Awaited<ReturnType<typeof launchOffering>>;
type Sale = Awaited<ReturnType<typeof depositDuringSale>>;
type Subnet = Awaited<ReturnType<typeof createSubnet>>;
type Neurons = Awaited<ReturnType<typeof registerNeurons>>;
type Epoch = Awaited<ReturnType<typeof runDueEpoch>>;

async function main(): Promise<void> {
  await rm(root, { recursive: true, force: true });
  const connection = await network.getOrCreate();
  const signers = await connection.ethers.getSigners();
  const ipfs = await createEmbeddedIpfs({ directory: path.join(root, "ipfs") });
  const deployment = await deploy(connection);
  const demo = demoOf(connection, signers, ipfs, deployment);
  // Chapters 2 to 13, each a function below, in the order of the walk-through.

  const models = await registerModels(demo);
  await publishVersions(demo, models);
  await showLineage(demo);
  await pullVersions(demo);
  const launch = await launchOffering(demo);
  const sale = await depositDuringSale(demo);
  const keeper = await settleSale(demo, launch, sale);
  await showPortfolios(demo, sale);
  const token = await earnRevenue(demo, launch, sale, keeper);
  await publishByTheDao(demo, launch, sale, keeper);
  await competeInASubnet(demo, launch, sale, keeper, token);
  showGas(demo);

  await ipfs.close();
  await connection.close();
  console.log(`\nDone. Blocks and pulled copies are in ${path.relative(process.cwd(), root)}/.`);
}

/** 1. The protocol deployed on the in-process chain. */
async function deploy(connection: NetworkConnection): Promise<Demo["deployment"]> {
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
function demoOf(
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

/** 2. Two real open models registered, their model cards on IPFS. */
async function registerModels({ client, track }: Demo) {
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
async function publishVersions(
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
async function showLineage({ client }: Demo): Promise<void> {
  section("4. Lineage on chain");
  const lineage = await client.registry.getLineage({ model: "face-landmark-68-tiny", version: "latest" });
  console.log(lineage.map((v) => `${v.slug}@${v.tag}${v.deprecated ? " (deprecated)" : ""}`).join("  <-  "));
}

/** 5. The latest versions pulled back, verified block by block against the chain. */
async function pullVersions({ client }: Demo): Promise<void> {
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

/** 6. The Initial Model Offering launched from its launch file, with a stablecoin as a revenue asset. */
async function launchOffering({ client, ethers, track }: Demo) {
  section("6. Launch the Initial Model Offering of face-landmark-68 (one transaction)");
  const launchFile = path.resolve("deploy/launches/face-landmark-68.json");
  const { config: fileConfig, baseDir } = await readLaunchConfig(launchFile);
  // The model also earns in a stablecoin: the demo deploys one (mUSD, 6 decimals, with permit) and accepts it
  // as revenue from launch, beside ETH.
  const usd = await ethers.deployContract("MockStablecoin");
  const usdAddress = await usd.getAddress();
  const config = { ...fileConfig, revenue: { ...fileConfig.revenue, assets: [usdAddress] } };
  const plan = await client.offering.planLaunch({ config, baseDir });
  console.log(
    `From ${path.relative(process.cwd(), launchFile)}, with the demo's mUSD (${usdAddress}) as a revenue asset:`,
  );
  for (const line of plan.summary) console.log(`- ${line}`);
  const launched = track(
    "launch IMO (token, sale, 3 vesting wallets, DAO)",
    await client.offering.launchOffering({ config, baseDir, plan }),
  ).result;
  console.log(
    table(
      ["contract", "address"],
      [
        ["token (FL68)", launched.token],
        ["offering", launched.offering],
        ["governor", launched.governor],
        ["timelock (treasury, model owner)", launched.timelock],
        ...launched.vestingWallets.map((wallet, i) => [`vesting wallet ${i + 1}`, wallet]),
      ],
    ),
  );
  console.log(
    `The registry now lists the timelock as the owner of face-landmark-68: ${(await client.registry.getModel("face-landmark-68")).owner === launched.timelock}`,
  );
  return { launched, usd, usdAddress };
}

/** 7. Five investors deposit during the sale and oversubscribe it. */
async function depositDuringSale({ client, networkHelpers, signers, deployment, track }: Demo) {
  section("7. Five investors deposit ETH during the sale: it is oversubscribed");
  const offeringView = await client.offering.getOffering("face-landmark-68");
  await networkHelpers.time.increaseTo(Math.floor(offeringView.params.start.getTime() / 1000));
  const investors = signers.slice(4, 9);
  const amounts = ["5", "10", "15", "20", "25"];
  for (const [i, investor] of investors.entries()) {
    const investorClient = createClient({ runner: investor, deployment });
    track(
      `deposit ${amounts[i]} ETH`,
      await investorClient.offering.buy({ model: "face-landmark-68", amount: amounts[i] }),
    );
  }
  const live = await client.offering.getOffering("face-landmark-68");
  console.log(
    `Raised ${formatEther(live.totals.deposits)} ETH against a hard cap of ${formatEther(live.params.hardCap)} ETH: every deposit will be filled pro rata.`,
  );
  return { offeringView, investors, amounts };
}

/** 8. The sale settled by a keeper and one investor, the dust swept; every wei accounted for. Returns the keeper. */
async function settleSale(
  { client, ethers, networkHelpers, signers, deployment, track }: Demo,
  { launched }: Launch,
  { offeringView, investors, amounts }: Sale,
): Promise<Client> {
  section("8. The sale ends: a keeper finalises and settles, one investor claims, the dust is swept");
  await networkHelpers.time.increaseTo(Math.floor(offeringView.params.end.getTime() / 1000));
  const keeper = createClient({ runner: signers[9], deployment });
  track("finalize (keeper)", await keeper.offering.finalize({ model: "face-landmark-68" }));
  const settlements: (string | number)[][] = [];
  let refunds = 0n;
  let tokensOut = 0n;
  let deposits = 0n;
  for (const [i, investor] of investors.entries()) {
    const settlement =
      i === 0
        ? track(
            "claim (investor)",
            await createClient({ runner: investor, deployment }).offering.settle({
              model: "face-landmark-68",
              to: investor.address,
            }),
          )
        : track(
            "settle (keeper)",
            await keeper.offering.settle({ model: "face-landmark-68", account: investor.address }),
          );
    const { tokens, refund } = settlement.result;
    refunds += refund;
    tokensOut += tokens;
    deposits += ethers.parseEther(amounts[i]);
    settlements.push([
      investor.address,
      amounts[i],
      Number(formatEther(refund)).toFixed(6),
      Number(formatUnits(tokens, 18)).toFixed(2),
    ]);
  }
  track("sweep dust (keeper)", await keeper.offering.sweep({ model: "face-landmark-68" }));
  console.log(table(["investor", "deposited ETH", "refunded ETH", "FL68 received"], settlements));
  const final = await client.offering.getOffering("face-landmark-68");
  const treasuryEth = await ethers.provider.getBalance(launched.timelock);
  const saleEth = await ethers.provider.getBalance(launched.offering);
  console.log(
    table(
      ["where the ETH went", "wei"],
      [
        ["deposited by investors", deposits.toString()],
        ["refunded to investors", refunds.toString()],
        ["to the DAO treasury (proceeds + dust)", treasuryEth.toString()],
        ["protocol fee owed", final.totals.feeOwed.toString()],
        ["left in the sale contract", saleEth.toString()],
      ],
    ),
  );
  if (refunds + treasuryEth + saleEth !== deposits || saleEth !== final.totals.feeOwed) {
    throw new Error("The sale's ETH does not balance to the wei.");
  }
  console.log(
    `Balanced to the wei: refunds + treasury + fee = deposits. Tokens sold: ${formatUnits(final.totals.tokensSold, 18)} FL68, ` +
      `distributed: ${formatUnits(tokensOut, 18)} FL68 (the difference, rounding dust, went to the treasury).`,
  );
  return keeper;
}

/** 9. Portfolios: an investor delegates to vote; a team member's tokens vest. */
async function showPortfolios({ client, signers, deployment, track }: Demo, { investors }: Sale): Promise<void> {
  section("9. Portfolios: an investor delegates to vote; a team member's tokens vest");
  const investorClient = createClient({ runner: investors[4], deployment });
  track("delegate to self", await investorClient.governance.delegateVotes({ model: "face-landmark-68" }));
  const holdings: (string | number)[][] = [];
  for (const account of [investors[4].address, signers[1].address]) {
    const portfolio = await client.offering.getPortfolio(account);
    for (const entry of portfolio.entries) {
      const vesting = entry.vesting.reduce((sum, wallet) => sum + wallet.balance, 0n);
      holdings.push([
        account.slice(0, 10),
        entry.tokenSymbol,
        Number(formatUnits(entry.balance, 18)).toFixed(2),
        Number(formatUnits(vesting, 18)).toFixed(2),
        Number(formatUnits(entry.votes, 18)).toFixed(2),
        entry.delegate ? entry.delegate.slice(0, 10) : "-",
      ]);
    }
  }
  console.log(table(["account", "token", "held", "in vesting wallets", "votes", "delegate"], holdings));
}

/** 10. Fees in ETH and mUSD streamed to holders: a sale mid-stream splits them exactly; then everyone claims. */
async function earnRevenue(demo: Demo, launch: Launch, offering: Sale, keeper: Client): Promise<Token> {
  const { ethers, networkHelpers, signers, team, deployment, gas, track } = demo;
  const { launched, usd } = launch;
  const { investors } = offering;
  section("10. Revenue: inference fees in ETH and mUSD reach the holders, streamed over a day");
  const token = ModelToken__factory.connect(launched.token, team);
  const customer = createClient({ runner: signers[10], deployment });
  await (await usd.mint(signers[10].address, parseUnits("12000", 6))).wait();
  const ethFees = track(
    "deposit 3 ETH of inference fees (customer)",
    await customer.revenue.depositRevenue({ model: SLUG, amount: "3" }),
  );
  track(
    "deposit 12000 mUSD of fees, by permit (customer)",
    await customer.revenue.depositRevenue({ model: SLUG, amount: "12000", asset: "mUSD" }),
  );
  const streamStart = (await ethers.provider.getBlock(ethFees.receipt.blockNumber))!.timestamp;
  console.log(
    `5% of each deposit goes to the burn-to-redeem reserve (${formatEther(ethFees.result.reserved)} ETH of the 3); ` +
      `the rest is released to holders linearly until ${ethFees.result.stream?.end.toISOString()}.`,
  );

  // Half-way through the stream, investor 5 sells half of its tokens to investor 1.
  const [buyer, seller] = [investors[0], investors[4]];
  const sellerTokens = await token.balanceOf(seller.address);
  const buyerTokens = await token.balanceOf(buyer.address);
  await networkHelpers.time.increaseTo(streamStart + 12 * 3600);
  const sale = await (await token.connect(seller).transfer(buyer.address, sellerTokens / 2n)).wait();
  gas.push(["transfer half of investor 5's FL68 to investor 1, mid-stream", sale!.gasUsed]);
  const saleTime = (await ethers.provider.getBlock(sale!.blockNumber))!.timestamp;
  await networkHelpers.time.increaseTo(streamStart + 86_400);
  await networkHelpers.mine();
  // What each earned of the first ETH stream, against the exact share of how long it held what.
  const streamed = 3n * 10n ** 18n - ethFees.result.reserved;
  const supply = await token.totalSupply();
  const exact = (before: bigint, after: bigint) =>
    (streamed * (before * BigInt(saleTime - streamStart) + after * BigInt(streamStart + 86_400 - saleTime))) /
    (86_400n * supply);
  const ETH_ASSET = await token.NATIVE_ASSET();
  const fairness = [
    ["investor 5 (sold half mid-stream)", sellerTokens, sellerTokens - sellerTokens / 2n, seller.address],
    ["investor 1 (bought it)", buyerTokens, buyerTokens + sellerTokens / 2n, buyer.address],
  ] as const;
  console.log(
    table(
      ["holder", "FL68 before", "FL68 after", "earned ETH", "exact share ETH", "difference (wei)"],
      await Promise.all(
        fairness.map(async ([who, before, after, account]) => {
          const earned = await token.claimable(account, ETH_ASSET);
          const share = exact(before, after);
          return [
            who,
            Number(formatUnits(before, 18)).toFixed(2),
            Number(formatUnits(after, 18)).toFixed(2),
            formatEther(earned),
            formatEther(share),
            (earned - share).toString(),
          ];
        }),
      ),
    ),
  );

  await claimRevenue(demo, launch, offering, keeper, { token, customer, buyer, ETH_ASSET });
  return token;
}

/** 10, continued: more fees, every holder's claim, and each asset balanced to the unit. */
async function claimRevenue(
  { client, ethers, networkHelpers, signers, deployment, track }: Demo,
  { launched, usd, usdAddress }: Launch,
  { investors }: Sale,
  keeper: Client,
  { token, customer, buyer, ETH_ASSET }: { token: Token; customer: Client; buyer: Signer; ETH_ASSET: string },
): Promise<void> {
  // More fees, then everyone claims: investors for themselves (investor 1 to another wallet), a keeper for the
  // treasury and a team vesting wallet (revenue always goes to the holder), and investor 2 burns tokens for
  // its share of the reserve.
  track("deposit 1 ETH more (customer)", await customer.revenue.depositRevenue({ model: SLUG, amount: "1" }));
  await networkHelpers.time.increase(2 * 86_400);
  const coldWallet = signers[11].address;
  track(
    "claim all to a cold wallet (investor 1)",
    await createClient({ runner: buyer, deployment }).revenue.claimRevenue({ model: SLUG, to: coldWallet }),
  );
  for (const investor of investors.slice(1)) {
    track(
      "claim all (investor)",
      await createClient({ runner: investor, deployment }).revenue.claimRevenue({ model: SLUG }),
    );
  }
  track(
    "claim for the treasury (keeper)",
    await keeper.revenue.claimRevenue({ model: SLUG, holder: launched.timelock }),
  );
  track(
    "claim for vesting wallet 1 (keeper)",
    await keeper.revenue.claimRevenue({ model: SLUG, holder: launched.vestingWallets[0] }),
  );
  const redeemed = track(
    "burn 1000 FL68 for the reserve (investor 2)",
    await createClient({ runner: investors[1], deployment }).revenue.redeemReserve({ model: SLUG, amount: "1000" }),
  );
  console.log(
    `Investor 2 burned 1000 FL68 for ${redeemed.result.paid.map((p) => `${formatUnits(p.amount, p.asset.decimals)} ${p.asset.symbol}`).join(" and ")} of the reserve.`,
  );

  // Every account that ever held FL68, and what each claimed and can still claim.
  const holders = [...new Set((await token.queryFilter(token.filters.Transfer())).map((log) => log.args.to))].filter(
    (a) => a !== ethers.ZeroAddress,
  );
  const names = new Map<string, string>([
    [launched.timelock, "treasury (timelock)"],
    [launched.offering, "sale (forwards to buyers)"],
    ...launched.vestingWallets.map((wallet, i) => [wallet, `vesting wallet ${i + 1}`] as [string, string]),
    ...investors.map((investor, i) => [investor.address, `investor ${i + 1}`] as [string, string]),
  ]);
  const claimedBy = async (holder: string, asset: string) =>
    (await token.queryFilter(token.filters.RevenueClaimed(holder, asset))).reduce(
      (sum, log) => sum + log.args.amount,
      0n,
    );
  const claimableSum = new Map<string, bigint>([
    [ETH_ASSET, 0n],
    [usdAddress, 0n],
  ]);
  const holderRows: (string | number)[][] = [];
  for (const holder of holders) {
    const [, amounts] = await token.claimableAll(holder);
    claimableSum.set(ETH_ASSET, claimableSum.get(ETH_ASSET)! + amounts[0]);
    claimableSum.set(usdAddress, claimableSum.get(usdAddress)! + amounts[1]);
    holderRows.push([
      names.get(holder) ?? holder.slice(0, 10),
      Number(formatUnits(await token.balanceOf(holder), 18)).toFixed(2),
      formatEther(await claimedBy(holder, ETH_ASSET)),
      formatUnits(await claimedBy(holder, usdAddress), 6),
      formatEther(amounts[0]),
      formatUnits(amounts[1], 6),
    ]);
  }
  console.log(table(["holder", "FL68", "claimed ETH", "claimed mUSD", "claimable ETH", "claimable mUSD"], holderRows));

  const revenue = await client.revenue.getRevenue(SLUG);
  const balanceRows: (string | number)[][] = [];
  for (const view of revenue.assets) {
    const unit = (amount: bigint) => formatUnits(amount, view.asset.decimals);
    const claimable = claimableSum.get(view.asset.address)!;
    const dust = view.outstanding - claimable;
    const balance = view.asset.isEth
      ? await ethers.provider.getBalance(launched.token)
      : await usd.balanceOf(launched.token);
    balanceRows.push([
      view.asset.symbol,
      unit(view.deposited),
      unit(view.claimed),
      unit(claimable),
      unit(view.unreleased),
      unit(view.reserve),
      unit(view.reservePaid),
      dust.toString(),
      unit(balance),
    ]);
    if (
      view.claimed + claimable + dust + view.unreleased + view.reserve + view.reservePaid !== view.deposited ||
      balance !== view.deposited - view.claimed - view.reservePaid ||
      dust < 0n ||
      dust > 100n
    ) {
      throw new Error(`The ${view.asset.symbol} revenue does not balance to the unit.`);
    }
  }
  console.log(
    table(
      [
        "asset",
        "deposited",
        "claimed",
        "claimable",
        "streaming",
        "reserve",
        "redeemed",
        "dust (units)",
        "held by the token",
      ],
      balanceRows,
    ),
  );
  console.log(
    "Balanced to the unit: deposited = claimed + claimable + streaming + reserve + redeemed + dust, and the token " +
      "holds exactly deposited - claimed - redeemed. Dust is the rounding the pool keeps (at most one unit per deposit and per side of a transfer).",
  );
}

/** 11. The DAO publishes a fine-tuned version: delegate, propose, vote (one by signature), queue, execute. */
async function publishByTheDao(
  { client, networkHelpers, signers, deployment, ipfs, track }: Demo,
  { launched }: Launch,
  { investors }: Sale,
  keeper: Client,
): Promise<void> {
  section("11. The DAO publishes a fine-tuned version: delegate, propose, vote (one by signature), queue, execute");
  // A team member delegates its vesting wallet's votes to itself, enough to propose (threshold 1000 FL68).
  const member = signers[1];
  const memberClient = createClient({ runner: member, deployment, ipfs });
  const [wallet] = (await memberClient.offering.getPortfolio(member.address)).entries[0].vesting;
  track(
    "delegate vesting wallet votes (team member)",
    await memberClient.offering.delegateVesting({ wallet: wallet.wallet, to: member.address }),
  );
  for (const investor of investors.slice(1, 4)) {
    track(
      "delegate to self (investor)",
      await createClient({ runner: investor, deployment }).governance.delegateVotes({ model: SLUG }),
    );
  }
  // The fine-tuned weights go to IPFS with the proposal; the DAO (the model's owner) publishes them when it passes.
  const tuned = await fineTuneOutputBias(
    path.join(root, "models", "face-landmark-68-v1.0.1"),
    "face-landmark-68-v1.1.0",
  );
  const publishCall = await memberClient.governance.buildPublishVersion({
    model: SLUG,
    tag: "v1.1.0",
    weights: tuned,
    parent: { model: SLUG, version: { tag: "v1.0.1" } },
  });
  const proposed = track(
    "propose (team member)",
    await memberClient.governance.propose({
      model: SLUG,
      calls: [publishCall],
      description:
        "# Publish v1.1.0, a fine-tune of v1.0.1\n\nThe output layer's bias re-estimated; every other weight unchanged.",
    }),
  );
  const number = proposed.result.number;
  console.log(`Proposal #${number}: ${proposed.result.actions.map((a) => a.description).join(" ")}`);
  console.log(
    `Voting opens ${proposed.result.snapshot.toISOString()} (votes count as delegated then) and closes ${proposed.result.deadline.toISOString()}.`,
  );
  await networkHelpers.time.increaseTo(Math.floor(proposed.result.snapshot.getTime() / 1000) + 1);
  track(
    "vote for (team member)",
    await memberClient.governance.vote({ model: SLUG, proposal: number, support: "for" }),
  );
  track(
    "vote for (investor 3)",
    await createClient({ runner: investors[2], deployment }).governance.vote({
      model: SLUG,
      proposal: number,
      support: "for",
      reason: "cheap, and reversible",
    }),
  );
  track(
    "vote against (investor 2)",
    await createClient({ runner: investors[1], deployment }).governance.vote({
      model: SLUG,
      proposal: number,
      support: "against",
    }),
  );
  // Investor 4 signs its ballot; the keeper relays it and pays the gas.
  const ballot = await createClient({ runner: investors[3], deployment }).governance.signVote({
    model: SLUG,
    proposal: number,
    support: "for",
  });
  track("vote by signature (investor 4, relayed by the keeper)", await keeper.governance.relayVote(ballot));
  await networkHelpers.time.increaseTo(Math.floor(proposed.result.deadline.getTime() / 1000) + 1);
  track("queue (keeper)", await keeper.governance.queueProposal({ model: SLUG, proposal: number }));
  const queued = await client.governance.getProposal({ model: SLUG, proposal: number });
  await networkHelpers.time.increaseTo(Math.floor(queued.eta!.getTime() / 1000));
  track("execute (keeper)", await keeper.governance.executeProposal({ model: SLUG, proposal: number }));
  const done = await client.governance.getProposal({ model: SLUG, proposal: number });
  const tokens = (amount: bigint) => Number(formatUnits(amount, 18)).toFixed(2);
  console.log(
    table(
      ["#", "state", "for", "against", "abstain", "quorum", "reached"],
      [
        [
          done.number.toString(),
          done.state,
          tokens(done.votes.for),
          tokens(done.votes.against),
          tokens(done.votes.abstain),
          tokens(done.quorum),
          done.quorumReached ? "yes" : "no",
        ],
      ],
    ),
  );
  const versions = await client.registry.listVersions({ model: SLUG });
  console.log(
    table(
      ["version", "weights CID", "parent", "published by"],
      versions.map((v) => [
        v.tag,
        v.weightsCid.toString(),
        v.parent
          ? (versions.find((p) => p.model === v.parent!.model && p.index === v.parent!.index)?.tag ??
            `#${v.parent.index}`)
          : "-",
        v.publisher === launched.timelock ? "the DAO (timelock)" : v.publisher.slice(0, 10),
      ]),
    ),
  );
  if (versions.at(-1)?.tag !== "v1.1.0" || versions.at(-1)?.publisher !== launched.timelock) {
    throw new Error("The registry does not show the version the DAO published.");
  }
}

/** 12. A subnet improves the model: miners compete, validators score, Yuma consensus epochs pay, everyone claims. */
async function competeInASubnet(demo: Demo, launch: Launch, sale: Sale, keeper: Client, token: Token): Promise<void> {
  const { client, deployment, track } = demo;
  section("12. A subnet improves face-landmark-68: miners compete, validators score, Yuma consensus pays");
  const subnet = await createSubnet(demo, launch);
  const { netuid } = subnet;
  const neurons = await registerNeurons(demo, subnet, sale, token);
  const runEpoch = (label: string) => runDueEpoch(demo, keeper, subnet, label);

  // An epoch pays for the tempo before it: stake counts only in epochs whose whole tempo it was staked for.
  const epochs = [await runEpoch("#0 (the stake arrived during its tempo: it counts from the next)")];
  epochs.push(await runEpoch("#1 (the stake counts: validator permits go to the top stakes)"));

  const commits = await scoreAndCommit(demo, subnet, neurons);
  epochs.push(await runEpoch("#2 (weights still hidden)"));
  for (const [i, { validator }] of commits.entries()) {
    // A fresh client, as after a restart: the salt comes from the commits file.
    track(
      `reveal weights (validator ${i + 1})`,
      await createClient({ runner: validator, deployment }).subnets.revealWeights({
        netuid,
        commitsFile: path.join(root, "commits.json"),
      }),
    );
  }
  const preview = await client.subnets.previewEpoch(netuid);
  epochs.push(await runEpoch("#3 (Yuma consensus over the revealed weights)"));
  await showMetagraph(demo, subnet, neurons, preview);
  await claimSubnetRewards(demo, launch, subnet, neurons, epochs);
}

/** 12: the subnet created and funded by the team, rewards in mUSD. */
async function createSubnet({ client, team, track }: Demo, { launched, usd, usdAddress }: Launch) {
  // The team opens a competition for a better output layer. FL68 holders stake on the validators they trust;
  // rewards are paid in mUSD from a pool the team funds (and registrations refill). Short tempo for the demo.
  const mint = async (to: string, amount: string) => (await usd.mint(to, parseUnits(amount, 6))).wait();
  await mint(team.address, "20000");
  const model = await client.registry.getModel(SLUG);
  const createdSubnet = track(
    "create a subnet (team)",
    await client.subnets.createSubnet({
      stakeToken: launched.token,
      rewardToken: usdAddress,
      model: model.id,
      card: {
        name: "face-landmark-68: output-layer fine-tunes",
        description: "Miners publish fine-tuned weights of face-landmark-68; validators score them on held-out faces.",
      },
      hyperparameters: {
        tempo: 20,
        immunityPeriod: 40,
        weightsRateLimit: 1,
        activityCutoff: 1000,
        minPrice: parseUnits("1", 6),
        maxPrice: parseUnits("100", 6),
        priceHalfLife: 50,
        emission: parseUnits("1000", 6),
        keeperReward: parseUnits("1", 6),
      },
    }),
  );
  const netuid = createdSubnet.result.subnet.netuid;
  track("fund the reward pool with 10000 mUSD (team)", await client.subnets.fundSubnet({ netuid, amount: "10000" }));
  const hp = createdSubnet.result.subnet.hyperparameters;
  console.log(
    `Subnet ${netuid} around model #${model.id}: stake FL68, rewards mUSD, an epoch every ${hp.tempo} blocks, ` +
      `kappa ${hp.kappa}/65535, commit-reveal on (reveal after ${hp.revealPeriod} epoch), owner cut ${((hp.ownerCut / 65535) * 100).toFixed(0)}%, ` +
      `${formatUnits(hp.emission, 6)} mUSD per epoch.`,
  );
  return { netuid, mint };
}

/** 12: miners register and publish candidates; validators register and stake; a nominator delegates. */
async function registerNeurons(
  { signers, deployment, ipfs, track }: Demo,
  { netuid, mint }: Subnet,
  { investors }: Sale,
  token: Token,
) {
  // Miners register (the price rises x1.26 per registration and decays with a half-life) and publish
  // candidates: the output bias re-estimated by different amounts.
  const miners = signers.slice(12, 15);
  const shifts = [0.003, 0.0042, 0.008];
  const registrations: string[][] = [];
  for (const [i, miner] of miners.entries()) {
    await mint(miner.address, "100");
    const minerClient = createClient({ runner: miner, deployment, ipfs });
    const registered = track(`register (miner ${i + 1})`, await minerClient.subnets.registerNeuron({ netuid }));
    const weights = await fineTuneOutputBias(
      path.join(root, "models", "face-landmark-68-v1.0.1"),
      `candidate-miner-${i + 1}`,
      shifts[i],
    );
    const candidate = track(
      `publish a candidate (miner ${i + 1})`,
      await minerClient.subnets.publishCandidate({ netuid, path: weights }),
    );
    registrations.push([
      `miner ${i + 1}`,
      registered.result.uid.toString(),
      formatUnits(registered.result.price, 6),
      candidate.result.cid.toString(),
    ]);
  }
  // Three investors validate; a fourth delegates its stake to the first (a nominator).
  const validators = investors.slice(0, 3);
  const stakeShare = [2n, 2n, 4n];
  for (const [i, validator] of validators.entries()) {
    await mint(validator.address, "100");
    const validatorClient = createClient({ runner: validator, deployment, ipfs });
    const registered = track(`register (validator ${i + 1})`, await validatorClient.subnets.registerNeuron({ netuid }));
    registrations.push([
      `validator ${i + 1}`,
      registered.result.uid.toString(),
      formatUnits(registered.result.price, 6),
      "-",
    ]);
    const amount = (await token.balanceOf(validator.address)) / stakeShare[i];
    track(
      `stake FL68 on its own hotkey (validator ${i + 1})`,
      await validatorClient.subnets.addStake({ netuid, amount }),
    );
  }
  const nominator = investors[3];
  track(
    "delegate FL68 to validator 1 (investor 4, a nominator)",
    await createClient({ runner: nominator, deployment }).subnets.delegateStake({
      netuid,
      hotkey: validators[0].address,
      amount: (await token.balanceOf(nominator.address)) / 2n,
    }),
  );
  console.log(table(["who", "uid", "paid mUSD", "candidate CID"], registrations));
  return { miners, validators, nominator, registrations };
}

/** 12: one epoch, when due, advanced by the keeper in steps. */
async function runDueEpoch(
  { client, ethers, networkHelpers, gas }: Demo,
  keeper: Client,
  { netuid }: Subnet,
  label: string,
) {
  const due = (await client.subnets.getSubnet(netuid)).nextEpochBlock;
  const now = BigInt(await ethers.provider.getBlockNumber());
  if (due > now + 1n) await networkHelpers.mine(due - now - 1n);
  const bar = stepBar(`epoch ${label}`);
  const result = await keeper.subnets.advanceEpoch({ netuid, onStep: (p) => bar.update(p.step, p.total, p.gasUsed) });
  bar.done();
  gas.push([`run epoch ${label} (keeper, ${result.steps} step${result.steps === 1 ? "" : "s"})`, result.gasUsed]);
  console.log(
    `Epoch ${label}: ${formatUnits(result.emission ?? 0n, 6)} mUSD emitted, owner's cut ${formatUnits(result.ownerCut ?? 0n, 6)}, ` +
      `keeper ${formatUnits(result.keeperReward, 6)}, ` +
      `${formatUnits(result.paid, 6)} paid to UIDs, ${result.dust} units of rounding back to the pool.`,
  );
  return result;
}

/** 12: each validator fetches and scores every candidate, and commits its weights. */
async function scoreAndCommit(
  { client, deployment, ipfs, track }: Demo,
  { netuid }: Subnet,
  { miners, validators }: Neurons,
) {
  // Validators fetch every candidate through IPFS (verified block by block against the CID on chain) and score
  // it on their held-out faces: here, how close its landmark shift is to the 0.004 they measure. The third
  // validator colludes with miner 3 and puts all its weight there; it holds less than kappa of the stake.
  const scores: string[][] = [];
  const candidates = await client.subnets.listCandidates(netuid);
  const base = path.join(root, "models", "face-landmark-68-v1.0.1");
  const commits: { validator: (typeof validators)[number]; uids: number[]; weights: number[] }[] = [];
  for (const [i, validator] of validators.entries()) {
    const validatorClient = createClient({ runner: validator, deployment, ipfs });
    const uids: number[] = [];
    const weights: number[] = [];
    for (const candidate of candidates) {
      const destination = path.join(root, "pulled", `validator-${i + 1}`, `uid-${candidate.uid}`);
      await validatorClient.subnets.pullCandidate({ netuid, hotkey: candidate.hotkey, destination });
      const shift = await outputBiasShift(base, destination);
      const honest = 1 / (1 + 1000 * Math.abs(shift - 0.004));
      uids.push(candidate.uid!);
      weights.push(i === 2 ? (candidate.hotkey === miners[2].address ? 1 : 0) : honest);
      if (i === 0) scores.push([`uid ${candidate.uid}`, shift.toFixed(4), honest.toFixed(3)]);
    }
    commits.push({ validator, uids, weights });
    const committed = track(
      `commit weights (validator ${i + 1})`,
      await validatorClient.subnets.commitWeights({
        netuid,
        uids,
        weights,
        commitsFile: path.join(root, "commits.json"),
      }),
    );
    if (i === 0)
      console.log(
        `Committed hashes only; each salt is kept in ${path.relative(process.cwd(), committed.file)} until the reveal.`,
      );
  }
  console.log(table(["candidate", "landmark shift", "honest score"], scores));
  return commits;
}

/** 12: the metagraph after the epoch over the revealed weights, against the reference epoch's preview. */
async function showMetagraph(
  { client }: Demo,
  { netuid }: Subnet,
  { miners, validators }: Neurons,
  preview: Awaited<ReturnType<Client["subnets"]["previewEpoch"]>>,
): Promise<void> {
  const metagraph = await client.subnets.getMetagraph(netuid);
  const who = new Map<string, string>([
    ...miners.map((m, i): [string, string] => [m.address, `miner ${i + 1}`]),
    ...validators.map((v, i): [string, string] => [v.address, `validator ${i + 1}`]),
  ]);
  const p = (x: number) => (x / 65535).toFixed(4);
  console.log(
    table(
      [
        "uid",
        "who",
        "stake FL68",
        "permit",
        "trust",
        "v-trust",
        "consensus",
        "incentive",
        "dividends",
        "emission mUSD",
      ],
      metagraph.neurons.map((u) => [
        u.uid.toString(),
        who.get(u.hotkey) ?? u.hotkey.slice(0, 10),
        Number(formatUnits(u.stake, 18)).toFixed(0),
        u.validatorPermit ? "yes" : "",
        p(u.trust),
        p(u.validatorTrust),
        p(u.consensus),
        p(u.incentive),
        p(u.dividends),
        formatUnits(u.emission, 6),
      ]),
    ),
  );
  const predicted = preview.neurons.map((u) => u.emission);
  const actual = metagraph.neurons.map((u) => u.emission);
  if (predicted.some((e, i) => e !== actual[i]))
    throw new Error("The epoch paid other amounts than the reference epoch predicted.");
  console.log("The off-chain reference epoch (the SDK's preview) predicted every UID's emission to the unit.");
  const cabal = metagraph.neurons.find((u) => u.hotkey === miners[2].address)!;
  console.log(
    `Validator 3 put all its weight on miner 3, but holds less than kappa of the stake: consensus clips it, ` +
      `and miner 3 earns ${formatUnits(cabal.emission, 6)} mUSD of the epoch.`,
  );
}

/** 12: everyone claims, and the reward pool balances. */
async function claimSubnetRewards(
  { client, signers, team, deployment, track }: Demo,
  { usd }: Launch,
  { netuid }: Subnet,
  { miners, validators, nominator, registrations }: Neurons,
  epochs: Epoch[],
): Promise<void> {
  // Everyone claims: miners their incentive, validators their dividends and take, the nominator its share of
  // validator 1's dividends, the team its owner's cut, the keeper its rewards.
  const claimRows: string[][] = [];
  let claimed = 0n;
  const claimants: [string, (typeof signers)[number]][] = [
    ...miners.map((m, i): [string, (typeof signers)[number]] => [`miner ${i + 1}`, m]),
    ...validators.map((v, i): [string, (typeof signers)[number]] => [`validator ${i + 1}`, v]),
    ["investor 4 (nominator)", nominator],
    ["team (subnet owner)", team],
    ["keeper", signers[9]],
  ];
  for (const [who, account] of claimants) {
    const accountClient = createClient({ runner: account, deployment });
    const owed = await accountClient.subnets.getSubnetRewards({ netuid });
    if (owed.total === 0n) {
      claimRows.push([who, "0", "0"]);
      continue;
    }
    const paid = track(`claim subnet rewards (${who})`, await accountClient.subnets.claimRewards({ netuid }));
    claimed += paid.result.amount;
    claimRows.push([who, formatUnits(paid.result.rewards, 6), formatUnits(paid.result.stakeRewards, 6)]);
  }
  console.log(table(["account", "claimed rewards mUSD", "claimed dividends of stake mUSD"], claimRows));
  // Conservation: what the pool received = what epochs emitted + what is left in it; what epochs emitted = what
  // was claimed + what is still owed; and the contract holds exactly what it still owes.
  const after = await client.subnets.getSubnet(netuid);
  const emitted = epochs.reduce((sum, e) => sum + (e.emission ?? 0n) - e.dust, 0n);
  const registrationFees = registrations.reduce((sum, r) => sum + parseUnits(r[2], 6), 0n);
  const held = await usd.balanceOf(deployment.contracts.Subnets!.address);
  console.log(
    table(
      ["mUSD", "amount"],
      [
        ["funded by the team", "10000"],
        ["registration fees recycled into the pool", formatUnits(registrationFees, 6)],
        [
          `emitted by ${epochs.length} epochs (owner's cut and keeper rewards included, rounding returned)`,
          formatUnits(emitted, 6),
        ],
        ["left in the pool", formatUnits(after.rewardPool, 6)],
        ["claimed", formatUnits(claimed, 6)],
        ["held by the subnet contract", formatUnits(held, 6)],
        [
          "  of which owed beyond the pool (unclaimed, rounding of stake dividends)",
          formatUnits(held - after.rewardPool, 6),
        ],
      ],
    ),
  );
  if (
    10_000_000_000n + registrationFees !== emitted + after.rewardPool ||
    held !== after.rewardPool + emitted - claimed
  ) {
    throw new Error("The subnet's reward pool does not balance.");
  }
}

/** 13. The gas of every write of the walk-through. */
function showGas({ gas }: Demo): void {
  section("13. Gas used");
  console.log(table(["operation", "gas"], gas));
}

await main();
