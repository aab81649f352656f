// Chapter 14: a subnet improves the model: miners compete, validators score, Yuma consensus pays, everyone claims.
import path from "node:path";

import { formatEther, formatUnits, parseEther } from "ethers";

import { ProtocolToken__factory } from "../../sdk/src/contracts.js";

import { createClient } from "../../sdk/src/index.js";
import { table } from "../cli/output.js";
import { stepBar } from "../cli/subnet.js";
import {
  type Client,
  type Demo,
  fineTuneOutputBias,
  outputBiasShift,
  root,
  section,
  SLUG,
  type Token,
} from "./context.js";
import type { Launch, Sale } from "./offering.js";

export type Subnet = Awaited<ReturnType<typeof createSubnet>>;
export type Neurons = Awaited<ReturnType<typeof registerNeurons>>;
export type Epoch = Awaited<ReturnType<typeof runDueEpoch>>;

/** 14. A subnet improves the model: miners compete, validators score, Yuma consensus epochs pay, everyone claims. */
export async function competeInASubnet(demo: Demo, launch: Launch, sale: Sale, keeper: Client, token: Token) {
  const { client, deployment, track } = demo;
  section("14. A subnet improves face-landmark-68: miners compete, validators score, Yuma consensus pays");
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
  await claimSubnetRewards(demo, subnet, neurons, epochs);
  return { subnet, neurons };
}

/** 12: the subnet created and funded by the team, rewards in the protocol token (OMP). */
export async function createSubnet({ client, deployment, team, track }: Demo, { launched }: Launch) {
  // The team opens a competition for a better output layer. FL68 holders stake on the validators they trust;
  // rewards are paid in the protocol token, OMP, from a pool the team funds (and registrations refill); that makes
  // the subnet eligible for the network emission (chapter 16). Short tempo for the demo.
  const omp = ProtocolToken__factory.connect(deployment.contracts.ProtocolToken!.address, team);
  const send = async (to: string, amount: string) => (await omp.transfer(to, parseEther(amount))).wait();
  const model = await client.registry.getModel(SLUG);
  const createdSubnet = track(
    "create a subnet (team)",
    await client.subnets.createSubnet({
      stakeToken: launched.token,
      rewardToken: await omp.getAddress(),
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
        minPrice: parseEther("1"),
        maxPrice: parseEther("100"),
        priceHalfLife: 50,
        emission: parseEther("1000"),
        keeperReward: parseEther("1"),
      },
    }),
  );
  const netuid = createdSubnet.result.subnet.netuid;
  track("fund the reward pool with 10000 OMP (team)", await client.subnets.fundSubnet({ netuid, amount: "10000" }));
  const hp = createdSubnet.result.subnet.hyperparameters;
  console.log(
    `Subnet ${netuid} around model #${model.id}: stake FL68, rewards OMP, an epoch every ${hp.tempo} blocks, ` +
      `kappa ${hp.kappa}/65535, commit-reveal on (reveal after ${hp.revealPeriod} epoch), owner cut ${((hp.ownerCut / 65535) * 100).toFixed(0)}%, ` +
      `${formatEther(hp.emission)} OMP per epoch.`,
  );
  return { netuid, send, omp };
}

/** 12: miners register and publish candidates; validators register and stake; a nominator delegates. */
export async function registerNeurons(
  { signers, deployment, ipfs, track }: Demo,
  { netuid, send }: Subnet,
  { investors }: Sale,
  token: Token,
) {
  // Miners register (the price rises x1.26 per registration and decays with a half-life) and publish
  // candidates: the output bias re-estimated by different amounts.
  const miners = signers.slice(12, 15);
  const shifts = [0.003, 0.0042, 0.008];
  const registrations: string[][] = [];
  for (const [i, miner] of miners.entries()) {
    await send(miner.address, "100");
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
      formatEther(registered.result.price),
      candidate.result.cid.toString(),
    ]);
  }
  // Three investors validate; a fourth delegates its stake to the first (a nominator).
  const validators = investors.slice(0, 3);
  const stakeShare = [2n, 2n, 4n];
  for (const [i, validator] of validators.entries()) {
    await send(validator.address, "100");
    const validatorClient = createClient({ runner: validator, deployment, ipfs });
    const registered = track(`register (validator ${i + 1})`, await validatorClient.subnets.registerNeuron({ netuid }));
    registrations.push([
      `validator ${i + 1}`,
      registered.result.uid.toString(),
      formatEther(registered.result.price),
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
  console.log(table(["who", "uid", "paid OMP", "candidate CID"], registrations));
  return { miners, validators, nominator, registrations };
}

/** 12: one epoch, when due, advanced by the keeper in steps. */
export async function runDueEpoch(
  { client, ethers, networkHelpers, gas }: Demo,
  keeper: Client,
  { netuid }: { netuid: bigint },
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
    `Epoch ${label}: ${formatEther(result.emission ?? 0n)} OMP emitted, owner's cut ${formatEther(result.ownerCut ?? 0n)}, ` +
      `keeper ${formatEther(result.keeperReward)}, ` +
      `${formatEther(result.paid)} paid to UIDs, ${result.dust} units of rounding back to the pool.`,
  );
  return result;
}

/** 12: each validator fetches and scores every candidate, and commits its weights. */
export async function scoreAndCommit(
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
export async function showMetagraph(
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
      ["uid", "who", "stake FL68", "permit", "trust", "v-trust", "consensus", "incentive", "dividends", "emission OMP"],
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
        formatEther(u.emission),
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
      `and miner 3 earns ${formatEther(cabal.emission)} OMP of the epoch.`,
  );
}

/** 12: everyone claims, and the reward pool balances. */
export async function claimSubnetRewards(
  { client, signers, team, deployment, track }: Demo,
  { netuid, omp }: Subnet,
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
    claimRows.push([who, formatEther(paid.result.rewards), formatEther(paid.result.stakeRewards)]);
  }
  console.log(table(["account", "claimed rewards OMP", "claimed dividends of stake OMP"], claimRows));
  // Conservation: what the pool received = what epochs emitted + what is left in it; what epochs emitted = what
  // was claimed + what is still owed; and the contract holds exactly what it still owes.
  const after = await client.subnets.getSubnet(netuid);
  const emitted = epochs.reduce((sum, e) => sum + (e.emission ?? 0n) - e.dust, 0n);
  const registrationFees = registrations.reduce((sum, r) => sum + parseEther(r[2]), 0n);
  const held = await omp.balanceOf(deployment.contracts.Subnets!.address);
  console.log(
    table(
      ["OMP", "amount"],
      [
        ["funded by the team", "10000"],
        ["registration fees recycled into the pool", formatEther(registrationFees)],
        [
          `emitted by ${epochs.length} epochs (owner's cut and keeper rewards included, rounding returned)`,
          formatEther(emitted),
        ],
        ["left in the pool", formatEther(after.rewardPool)],
        ["claimed", formatEther(claimed)],
        ["held by the subnet contract", formatEther(held)],
        [
          "  of which owed beyond the pool (unclaimed, rounding of stake dividends)",
          formatEther(held - after.rewardPool),
        ],
      ],
    ),
  );
  if (
    parseEther("10000") + registrationFees !== emitted + after.rewardPool ||
    held !== after.rewardPool + emitted - claimed
  ) {
    throw new Error("The subnet's reward pool does not balance.");
  }
}
