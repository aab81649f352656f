// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {ISubnets} from "../interfaces/ISubnets.sol";
import {MetagraphWord, SubnetState} from "./SubnetStorage.sol";

/// @notice Stake delegated to one hotkey on one subnet: a share pool whose stakers earn the hotkey's dividends
/// (after its take) through a per-unit accumulator.
///
/// Stake added while `k` epochs have started waits two stages, each a batch dated by `from = k + 1`:
///   pending  until epoch `from` starts: it counts for nothing;
///   warming  from the start of epoch `from`: it counts for stake weight (validator permits, consensus), but does
///            not earn: epoch `from` pays the dividends of the tempo before it, in which the stake was absent;
///   active   from the start of epoch `from + 1`: it earns.
/// So stake added just before an epoch (or in the same transaction) earns nothing from it. The stages are folded
/// lazily by whoever touches the pool next. The accumulator moves only when an epoch credits the hotkey, which
/// folds first, so its value at a fold is its value when the batch became active; it is kept in
/// `rewardPerStakeAt[from]` for the positions of that batch.
struct StakePool {
    /// Stake that earns dividends, in stake token units (with `warming` and a due `pending`, it is the hotkey's
    /// stake weight). The two share a word, so that the epoch reads a hotkey's stake in two words; the pool's
    /// stake stays below 2^128 (see {addStake}).
    uint128 active;
    /// Stake of the batch dated `warmingFrom`, which counts for stake weight but does not earn yet.
    uint128 warming;
    /// Dividends per active stake unit since the pool began, Q128; may wrap (only differences are used).
    uint256 rewardPerStake;
    /// Stake of the batch dated `pendingFrom` (see above).
    uint128 pending;
    uint40 pendingFrom;
    /// Take in effect until epoch `nextTakeFrom` starts, then `nextTake` (both u16 proportions).
    uint16 take;
    uint16 nextTake;
    uint40 nextTakeFrom;
    /// Whether the hotkey's coldkey ever set a take (else the default applies).
    bool takeSet;
    uint40 warmingFrom;
    /// `rewardPerStake` when the batch dated `from` became active.
    mapping(uint256 from => uint256) rewardPerStakeAt;
}

/// @notice One staker's position on one hotkey, with the same stages as its pool.
struct StakePosition {
    uint256 active;
    /// `rewardPerStake` of the pool when `active` was last settled.
    uint256 rewardPerStakeLast;
    /// Dividends settled and not yet paid.
    uint256 rewards;
    uint128 pending;
    uint40 pendingFrom;
    uint128 warming;
    uint40 warmingFrom;
}

/// @title SubnetRewards
/// @notice Stake weights and reward crediting, shared by the subnet contract and the epoch library.
library SubnetRewards {
    /// @notice The default validator take, and the highest one: 18% as a u16 proportion.
    uint16 internal constant DEFAULT_TAKE = 11_796;
    uint256 internal constant U16_MAX = 65_535;
    uint256 internal constant Q128 = 1 << 128;

    /// @notice Stake weight of `hotkey` for the epoch being started: its active and warming stake divided by the
    /// subnet's stake scale, capped at 2^63 - 1 units. Batches due by now count though not folded yet.
    function stakeWeight(SubnetState storage s, address hotkey) internal view returns (uint64) {
        StakePool storage pool = s.pools[hotkey];
        uint256 started = s.epochsStarted;
        uint256 stake = pool.active + pool.warming;
        if (pool.pending != 0 && pool.pendingFrom <= started) stake += pool.pending;
        uint256 w = stake / s.stakeScale;
        return w > type(uint64).max >> 1 ? uint64(type(uint64).max >> 1) : uint64(w);
    }

    /// @notice Whether the pool holds any stake, at any stage.
    function hasStake(StakePool storage pool) internal view returns (bool) {
        return pool.active != 0 || pool.warming != 0 || pool.pending != 0;
    }

    /// @notice Credits the dividends `validator` of one UID's hotkey: the take to its coldkey, returned for the
    /// caller to credit, and the rest to the hotkey's active stakers. Without active stake the coldkey receives all.
    /// Stakers' shares round down; what rounding leaves stays in the contract.
    /// @return toColdkey The coldkey's part.
    function creditDividends(SubnetState storage s, address hotkey, uint256 validator)
        internal
        returns (uint256 toColdkey)
    {
        // A dividend moves the pool's accumulator, so its due stake batches are folded in first (a later roll records
        // the same accumulator value as a roll now would).
        StakePool storage pool = s.pools[hotkey];
        rollPool(s, pool);
        uint256 active = pool.active;
        if (active == 0) return validator;
        toColdkey = (validator * takeOf(s, pool)) / U16_MAX;
        // Wrapping intended: the accumulator may wrap, as only differences between two of its values are used, and
        // no position spans 2^256 of it.
        unchecked {
            pool.rewardPerStake += Math.mulDiv(validator - toColdkey, Q128, active);
        }
    }

    /// @notice Takes what the UIDs `uids`, each of `coldkey`, have yet to claim (see {MetagraphWord}), clearing it.
    function takeUnclaimed(SubnetState storage s, uint256[] calldata uids, address coldkey)
        internal
        returns (uint256 amount)
    {
        uint256 n = s.n;
        for (uint256 k; k < uids.length; ++k) {
            uint256 uid = uids[k];
            if (uid >= n || s.uidColdkeys[uid] != coldkey) revert ISubnets.SubnetNotUidColdkey(uid, coldkey);
            uint256 word = s.metagraph[uid];
            uint256 unclaimed = MetagraphWord.unclaimed(word);
            if (unclaimed == 0) continue;
            s.metagraph[uid] = word & ~(MetagraphWord.UNCLAIMED_MAX << MetagraphWord.UNCLAIMED_SHIFT);
            amount += unclaimed;
        }
    }

    /// @notice The take of the pool's hotkey in effect now.
    function takeOf(SubnetState storage s, StakePool storage pool) internal view returns (uint16) {
        if (!pool.takeSet) return DEFAULT_TAKE;
        return s.epochsStarted >= pool.nextTakeFrom ? pool.nextTake : pool.take;
    }

    /// @notice Sets the take: a decrease at once, an increase from the start of the epoch after the next, so
    /// that stakers see it for at least one whole epoch before it applies (and may leave).
    /// @return from The started-epoch count from which `take` applies.
    function setTake(SubnetState storage s, StakePool storage pool, uint16 take) internal returns (uint64 from) {
        uint16 current = takeOf(s, pool);
        if (take <= current) {
            pool.take = take;
            from = 0;
        } else {
            pool.take = current;
            from = s.epochsStarted + 2;
        }
        pool.nextTake = take;
        pool.nextTakeFrom = SafeCast.toUint40(from);
        pool.takeSet = true;
    }

    /// @notice Moves the pool's batches along their stages as far as the started epochs allow.
    function rollPool(SubnetState storage s, StakePool storage pool) internal {
        uint256 started = s.epochsStarted;
        uint256 warming = pool.warming;
        if (warming != 0 && uint256(pool.warmingFrom) + 1 <= started) {
            pool.rewardPerStakeAt[pool.warmingFrom] = pool.rewardPerStake;
            // Cannot overflow: the pool's stake is below 2^128 (see {addStake}).
            pool.active += uint128(warming);
            pool.warming = 0;
            warming = 0;
        }
        uint256 pending = pool.pending;
        if (pending == 0) return;
        uint256 from = pool.pendingFrom;
        if (from > started) return;
        pool.pending = 0;
        if (from + 1 <= started) {
            pool.rewardPerStakeAt[from] = pool.rewardPerStake;
            pool.active += uint128(pending);
        } else {
            // The warming slot is free: a batch there is dated before `from`, so it was folded above.
            pool.warming = uint128(pending);
            pool.warmingFrom = uint40(from);
        }
    }

    /// @notice Brings a position up to date: its dividends settled and its batches moved along (pool first).
    function settle(SubnetState storage s, StakePool storage pool, StakePosition storage pos) internal {
        rollPool(s, pool);
        uint256 started = s.epochsStarted;
        uint256 acc = pool.rewardPerStake;
        uint256 rewards = pos.rewards;
        uint256 active = pos.active;
        if (active != 0) rewards += _earned(active, acc, pos.rewardPerStakeLast);
        uint256 warming = pos.warming;
        if (warming != 0 && uint256(pos.warmingFrom) + 1 <= started) {
            rewards += _earned(warming, acc, pool.rewardPerStakeAt[pos.warmingFrom]);
            active += warming;
            pos.warming = 0;
        }
        uint256 pending = pos.pending;
        if (pending != 0) {
            uint256 from = pos.pendingFrom;
            if (from + 1 <= started) {
                rewards += _earned(pending, acc, pool.rewardPerStakeAt[from]);
                active += pending;
                pos.pending = 0;
            } else if (from <= started) {
                pos.warming = uint128(pending);
                pos.warmingFrom = uint40(from);
                pos.pending = 0;
            }
        }
        pos.active = active;
        pos.rewardPerStakeLast = acc;
        pos.rewards = rewards;
    }

    /// @notice A position as {settle} would leave it, without writing.
    /// @return rewards Dividends earned and not paid.
    /// @return active Stake that earns.
    /// @return warming Stake that counts for stake weight but does not earn yet.
    /// @return pending Stake that counts for nothing yet.
    function positionView(SubnetState storage s, StakePool storage pool, StakePosition storage pos)
        internal
        view
        returns (uint256 rewards, uint256 active, uint256 warming, uint256 pending)
    {
        uint256 started = s.epochsStarted;
        rewards = pos.rewards;
        active = pos.active;
        if (active != 0) rewards += _earned(active, pool.rewardPerStake, pos.rewardPerStakeLast);
        uint256[2] memory amounts = [uint256(pos.warming), uint256(pos.pending)];
        uint256[2] memory froms = [uint256(pos.warmingFrom), uint256(pos.pendingFrom)];
        for (uint256 i; i < 2; ++i) {
            if (amounts[i] == 0) continue;
            if (froms[i] + 1 <= started) {
                rewards += _earned(amounts[i], pool.rewardPerStake, _activatedAt(pool, froms[i]));
                active += amounts[i];
            } else if (froms[i] <= started) {
                warming += amounts[i];
            } else {
                pending += amounts[i];
            }
        }
    }

    /// The accumulator when the batch dated `from` became active: recorded when the pool folded it, else (still
    /// in one of the pool's slots) the current value, which has not moved since.
    function _activatedAt(StakePool storage pool, uint256 from) private view returns (uint256) {
        bool unfolded = (pool.warming != 0 && pool.warmingFrom == from) ||
            (pool.pending != 0 && pool.pendingFrom == from);
        return unfolded ? pool.rewardPerStake : pool.rewardPerStakeAt[from];
    }

    /// @notice The pool's stages as {rollPool} would leave them, without writing.
    function poolView(SubnetState storage s, StakePool storage pool)
        internal
        view
        returns (uint256 active, uint256 warming, uint256 pending, uint256 pendingFrom)
    {
        uint256 started = s.epochsStarted;
        active = pool.active;
        uint256[2] memory amounts = [uint256(pool.warming), uint256(pool.pending)];
        uint256[2] memory froms = [uint256(pool.warmingFrom), uint256(pool.pendingFrom)];
        for (uint256 i; i < 2; ++i) {
            uint256 amount = amounts[i];
            if (amount == 0) continue;
            if (froms[i] + 1 <= started) active += amount;
            else if (froms[i] <= started) warming += amount;
            else (pending, pendingFrom) = (amount, froms[i]);
        }
    }

    /// @notice Adds `amount` of `staker`'s stake to the pool, weighing from the next epoch and earning from the
    /// one after.
    /// @return from The started-epoch count from which it counts for stake weight.
    function addStake(SubnetState storage s, address hotkey, address staker, uint256 amount)
        internal
        returns (uint64 from)
    {
        StakePool storage pool = s.pools[hotkey];
        StakePosition storage pos = s.positions[hotkey][staker];
        settle(s, pool, pos);
        from = s.epochsStarted + 1;
        uint40 from40 = SafeCast.toUint40(from);
        // The pool's whole stake stays below 2^128, so that its batches fold into `active` without overflow.
        SafeCast.toUint128(uint256(pool.active) + pool.warming + pool.pending + amount);
        // A pending batch is always the next epoch's here: older ones moved on above.
        pool.pending = uint128(pool.pending + amount);
        pool.pendingFrom = from40;
        pos.pending = SafeCast.toUint128(pos.pending + amount);
        pos.pendingFrom = from40;
    }

    /// @notice Removes `amount` of `staker`'s stake (pending first, then warming, then active) and takes its
    /// settled dividends.
    /// @return rewards Dividends to pay the staker.
    function removeStake(SubnetState storage s, address hotkey, address staker, uint256 amount)
        internal
        returns (uint256 rewards)
    {
        StakePool storage pool = s.pools[hotkey];
        StakePosition storage pos = s.positions[hotkey][staker];
        settle(s, pool, pos);
        uint256 pending = pos.pending;
        uint256 warming = pos.warming;
        uint256 active = pos.active;
        if (amount > pending + warming + active) {
            revert ISubnets.SubnetInsufficientStake(hotkey, staker, pending + warming + active, amount);
        }
        // After both settled, the position's pending and warming batches are the pool's (same dates), so each part
        // taken from the position is at most what the pool holds in that stage: no underflow.
        uint256 part = amount < pending ? amount : pending;
        if (part != 0) {
            pos.pending = uint128(pending - part);
            pool.pending -= uint128(part);
            amount -= part;
        }
        part = amount < warming ? amount : warming;
        if (part != 0) {
            pos.warming = uint128(warming - part);
            pool.warming -= uint128(part);
            amount -= part;
        }
        if (amount != 0) {
            pos.active = active - amount;
            pool.active -= uint128(amount);
        }
        rewards = takeRewards(pos);
    }

    /// @notice Takes a settled position's dividends.
    function takeRewards(StakePosition storage pos) internal returns (uint256 rewards) {
        rewards = pos.rewards;
        if (rewards != 0) pos.rewards = 0;
    }

    /// Dividends of `units` of stake between two accumulator values, rounded down.
    function _earned(uint256 units, uint256 acc, uint256 since) private pure returns (uint256) {
        // Wrapping subtraction intended: the accumulator may wrap, and the difference of two of its values is exact
        // modulo 2^256 as long as no position spans 2^256 of growth.
        unchecked {
            return Math.mulDiv(units, acc - since, Q128);
        }
    }
}
