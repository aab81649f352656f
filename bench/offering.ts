// Gas of an Initial Model Offering's operations, whole-transaction, on the in-process chain: the one-
// transaction launch (token, sale, DAO, three vesting wallets), deposits, settlement, and how deposit and
// settlement costs grow with the number of depositors (they must not).
import type { NetworkConnection } from "hardhat/types/network";

import { ModelOffering__factory } from "../sdk/src/contracts.js";
import { DAY, ONE } from "../test/fixtures/constants.js";
import { benchLaunchParams, benchProtocol } from "./launch.js";
import { gasOf, type GasEntry } from "./registry.js";

export async function measureOffering(connection: NetworkConnection): Promise<GasEntry[]> {
  const { ethers, networkHelpers } = connection;
  const signers = await ethers.getSigners();
  const [team, ...investors] = signers;
  const { registry, factory } = await benchProtocol(connection);
  const entries: GasEntry[] = [];

  const now = await networkHelpers.time.latest();
  const start = now + 100;
  const end = start + 7 * DAY;
  const launchParams = (model: bigint) =>
    benchLaunchParams({
      model,
      start,
      team: signers.slice(17, 20),
      treasuryAmount: 300_000n * ONE,
      liquidityAmount: 100_000n * ONE,
    });
  // The first launch of a factory also pays for its list's first write; measure the second, as most are.
  for (const slug of ["bench-model", "bench-model-2"]) {
    await (await registry.register(slug, `0x01551220${"11".repeat(32)}`, "MIT")).wait();
  }
  entries.push({ name: "offering.launch.firstInFactory", gas: await gasOf(factory.launch(await launchParams(1n))) });
  entries.push({
    name: "offering.launch",
    gas: await gasOf(factory.launch(await launchParams(2n))),
    target: 1_500_000,
  });
  const launch = await factory.launchOf(2n);
  const offering = ModelOffering__factory.connect(launch.offering, team);
  await networkHelpers.time.increaseTo(start);

  // The first deposits already pay for the sale's first write of its total; measure a later depositor.
  await gasOf(offering.connect(investors[0]).depositETH([], { value: ONE }));
  entries.push({
    name: "offering.deposit.first",
    gas: await gasOf(offering.connect(investors[1]).depositETH([], { value: ONE })),
    target: 60_000,
  });
  entries.push({
    name: "offering.deposit.repeat",
    gas: await gasOf(offering.connect(investors[1]).depositETH([], { value: ONE })),
    target: 45_000,
  });
  // Oversubscribe so that settlement sends both tokens and a refund.
  for (let i = 2; i < 12; i++) await gasOf(offering.connect(investors[i]).depositETH([], { value: 12n * ONE }));
  // Growth: a first deposit by the 250th depositor costs what the second's did.
  // Fixed keys: an address's zero bytes make its calldata cheaper, so random ones would make figures drift.
  const crowd = Array.from(
    { length: 240 },
    (_, i) => new ethers.Wallet(ethers.id(`bench-crowd-${i}`), ethers.provider),
  );
  for (const [i, wallet] of crowd.entries()) {
    await networkHelpers.setBalance(wallet.address, ONE);
    const gas = await gasOf(offering.connect(wallet).depositETH([], { value: ONE / 10n }));
    if (i === crowd.length - 1) entries.push({ name: "offering.deposit.first.atDepositor250", gas });
  }
  await networkHelpers.time.increaseTo(end);
  entries.push({ name: "offering.finalize", gas: await gasOf(offering.finalize()) });
  entries.push({ name: "offering.settle", gas: await gasOf(offering.settle(investors[1].address)), target: 90_000 });
  entries.push({
    name: "offering.claim",
    gas: await gasOf(offering.connect(investors[2]).claim(investors[2].address)),
  });
  for (const wallet of crowd.slice(0, -1)) await gasOf(offering.settle(wallet.address));
  entries.push({ name: "offering.settle.atDepositor250", gas: await gasOf(offering.settle(crowd.at(-1)!.address)) });
  return entries;
}
