// The main job on embedded defaults: an in-process chain and an embedded IPFS node. A model team registers two
// real open models (MIT-licensed TensorFlow.js face landmark models, the full one and its distilled tiny
// variant), publishes versions whose parent links record the lineage, deprecates a superseded version, and
// pulls everything back verified against the chain. Then it launches the full model's Initial Model Offering
// from deploy/launches/face-landmark-68.json; five investors oversubscribe it, the sale settles, and the
// tables show where every wei and every token went. The settlement opened FL68's Uniswap V2 pool at the sale price,
// its shares locked for the DAO's treasury, and an investor sells part of its tokens into it; the tiny model launches
// on a bonding curve, investors buy and one sells back, it graduates into its pool, and the pool trades. Finally the model earns: inference fees arrive in ETH and
// in a stablecoin, streamed to holders over a day; a holder sells half mid-stream and each side earns exactly
// its share of the time it held; everyone claims, one burns tokens for the reserve, and each asset balances to
// the unit. Last, the model's DAO at work: holders delegate, a team member proposes a fine-tuned version (its
// weights go to IPFS with the proposal), holders vote (one by a signature a keeper relays), the proposal is
// queued and executed, and the registry shows the version the DAO published. Then a subnet competes to improve
// the model: miners publish fine-tuned candidates on IPFS, validators (FL68 stakers) fetch and score them,
// commit and reveal their weights, Yuma consensus epochs run in steps, the metagraph prints, and everyone claims.
// Then the competition's result becomes the model's history: the DAO binds the subnet to the model, the leading
// fine-tune holds a second epoch, a keeper promotes it to face-landmark-68's next version (its parent the DAO's
// v1.1.0), its miner claims the bounty, and anyone pulls the version verified. Last, the network emission: a second
// subnet joins, protocol token holders vote across the two, and a period's release flows into both reward pools and
// through each subnet's epoch, traced to the unit.
//
import { rm } from "node:fs/promises";
import path from "node:path";

import { network } from "hardhat";

import { createEmbeddedIpfs } from "../sdk/src/index.js";
import { table } from "./cli/output.js";
import { type Demo, demoOf, deploy, root, section } from "./demo/context.js";
import { publishByTheDao } from "./demo/governance.js";
import { publishVersions, pullVersions, registerModels, showLineage } from "./demo/models.js";
import { depositDuringSale, launchOffering, settleSale, showPortfolios } from "./demo/offering.js";
import { launchOnACurve } from "./demo/curve.js";
import { tradeInThePool } from "./demo/market.js";
import { earnRevenue } from "./demo/revenue.js";
import { promoteTheWinner } from "./demo/promotion.js";
import { competeInASubnet } from "./demo/subnet.js";
import { voteOnTheEmission } from "./demo/emission.js";

async function main(): Promise<void> {
  await rm(root, { recursive: true, force: true });
  const connection = await network.getOrCreate();
  const signers = await connection.ethers.getSigners();
  const ipfs = await createEmbeddedIpfs({ directory: path.join(root, "ipfs") });
  const deployment = await deploy(connection);
  const demo = demoOf(connection, signers, ipfs, deployment);
  // Chapters 2 to 17, each a function in scripts/demo/, in the order of the walk-through.

  const models = await registerModels(demo);
  await publishVersions(demo, models);
  await showLineage(demo);
  await pullVersions(demo);
  const launch = await launchOffering(demo);
  const sale = await depositDuringSale(demo);
  const keeper = await settleSale(demo, launch, sale);
  await showPortfolios(demo, sale);
  await tradeInThePool(demo, sale);
  await launchOnACurve(demo);
  const token = await earnRevenue(demo, launch, sale, keeper);
  await publishByTheDao(demo, launch, sale, keeper);
  const first = await competeInASubnet(demo, launch, sale, keeper, token);
  await promoteTheWinner(demo, launch, sale, keeper, token, first);
  await voteOnTheEmission(demo, models, keeper, first);
  showGas(demo);

  await ipfs.close();
  await connection.close();
  console.log(`\nDone. Blocks and pulled copies are in ${path.relative(process.cwd(), root)}/.`);
}

/** 17. The gas of every write of the walk-through. */
function showGas({ gas }: Demo): void {
  section("17. Gas used");
  console.log(table(["operation", "gas"], gas));
}

await main();
