// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ISubnets} from "../interfaces/ISubnets.sol";
import {Cid} from "../libraries/Cid.sol";
import {SubnetRewards, StakePool, StakePosition} from "./SubnetRewards.sol";
import {Candidate, MetagraphWord, Neuron, SubnetState, WeightCommit, WeightSums} from "./SubnetStorage.sol";

/// @title SubnetLens
/// @notice The subnet contract's views over one subnet's state. Linked (an external library, called by
/// delegatecall), which keeps their decoding out of the subnet contract's code size.
library SubnetLens {
    /// @notice A subnet's identity and epoch state.
    function subnetInfo(SubnetState storage s) external view returns (ISubnets.SubnetInfo memory info) {
        info.owner = s.owner;
        info.pendingOwner = s.pendingOwner;
        info.stakeToken = address(s.stakeToken);
        info.rewardToken = address(s.rewardToken);
        info.stakeScale = s.stakeScale;
        info.ownerHotkey = s.ownerHotkey;
        info.model = s.model;
        info.metadataCid = Cid.unpack(s.metadataDigest, s.metadataPrefix);
        info.createdAt = s.createdAt;
        info.n = s.n;
        info.epochNumber = s.epochNumber;
        info.lastEpochBlock = s.lastEpochBlock;
        uint256 last = s.lastEpochBlock;
        info.nextEpochBlock = uint64((last == 0 ? s.createdAt : last) + s.params.tempo);
        info.epochRunning = s.epoch.phase != 0;
        info.rewardPool = s.rewardPool;
        info.validatorPermits = s.validatorPermits;
    }

    /// @notice UIDs `start` to `start + count - 1`, cut at `n`.
    function neurons(SubnetState storage s, uint256 start, uint256 count)
        external
        view
        returns (ISubnets.NeuronInfo[] memory list)
    {
        uint256 n = s.n;
        uint256 end = start >= n ? start : (count > n - start ? n : start + count);
        list = new ISubnets.NeuronInfo[](end - start);
        for (uint256 uid = start; uid < end; ++uid) list[uid - start] = _neuron(s, uid);
    }

    /// @notice The stake pool of `hotkey`, with due pending stake shown as active.
    function stakeInfo(SubnetState storage s, address hotkey) external view returns (ISubnets.StakeInfo memory info) {
        StakePool storage pool = s.pools[hotkey];
        (info.active, info.pendingNext, info.pendingLater) = SubnetRewards.poolView(s, pool);
        info.epochsStarted = s.epochsStarted;
        info.take = SubnetRewards.takeOf(s, pool);
        bool scheduled = pool.takeSet && pool.nextTakeFrom > s.epochsStarted;
        info.nextTake = scheduled ? pool.nextTake : info.take;
        info.nextTakeFrom = scheduled ? pool.nextTakeFrom : 0;
        info.rewardPerStake = pool.rewardPerStake;
    }

    /// @notice The position of `staker` on `hotkey`, as it would be once settled.
    function positionInfo(SubnetState storage s, address hotkey, address staker)
        external
        view
        returns (ISubnets.PositionInfo memory info)
    {
        StakePosition storage pos = s.positions[hotkey][staker];
        (info.rewards, info.active, info.pendingNext, info.pendingLater) =
            SubnetRewards.positionView(s, s.pools[hotkey], pos);
        uint256 still;
        (info.withdrawable, still, info.unbondingUntil) = SubnetRewards.unbondingView(s, pos);
        info.unbonding = info.withdrawable + still;
        if (info.unbonding == 0) info.unbondingUntil = 0;
    }

    /// @notice The pending commit of `uid` (zeroes for none).
    function commitInfo(SubnetState storage s, uint256 uid) external view returns (ISubnets.CommitInfo memory info) {
        WeightCommit storage c = s.commits[uid];
        if (c.hash == 0) return info;
        info.hash = c.hash;
        info.epoch = c.epoch;
        info.blockNumber = c.blockNumber;
        info.revealEpoch = c.revealEpoch;
    }

    /// @notice The stored weights of `uid` over UIDs `0 .. n-1`.
    function weightsOf(SubnetState storage s, uint256 uid) external view returns (uint16[] memory) {
        return _unpack(s.weights[uid], s.n);
    }

    /// @notice The UIDs `uid`'s stored weights name (bit `j` for UID `j`): those with a nonzero weight and those
    /// named with a zero weight.
    function weightUidsOf(SubnetState storage s, uint256 uid) external view returns (uint256 named) {
        uint256 n = s.n;
        uint256[16] storage row = s.weights[uid];
        for (uint256 j; j < n; ++j) {
            if ((row[j >> 4] >> ((j & 15) << 4)) & 0xffff != 0) named |= uint256(1) << j;
        }
        if (WeightSums.hasZeros(s.weightSums[uid])) named |= s.weightZeros[uid];
    }

    /// @notice The stored bonds of `uid` over UIDs `0 .. n-1`.
    function bondsOf(SubnetState storage s, uint256 uid) external view returns (uint16[] memory) {
        return _unpack(s.bonds[uid], s.n);
    }

    function _unpack(uint256[16] storage row, uint256 n) private view returns (uint16[] memory values) {
        values = new uint16[](n);
        for (uint256 j; j < n; ++j) values[j] = uint16(row[j >> 4] >> ((j & 15) << 4));
    }

    /// @notice The candidate `uid` published last (empty when none).
    function candidateInfo(SubnetState storage s, uint256 uid)
        external
        view
        returns (ISubnets.CandidateInfo memory info)
    {
        Candidate storage c = s.candidates[uid];
        if (c.publishedAt == 0) return info;
        info.weightsCid = Cid.unpack(c.weightsDigest, c.weightsPrefix);
        if (c.metadataPrefix != 0) info.metadataCid = Cid.unpack(c.metadataDigest, c.metadataPrefix);
        info.publishedAt = c.publishedAt;
    }

    /// @notice What `account` may claim: its claimable balance and what its UIDs have yet to claim.
    function claimable(SubnetState storage s, address account) external view returns (uint256 amount) {
        amount = s.claimable[account];
        uint256 n = s.n;
        for (uint256 uid; uid < n; ++uid) {
            if (s.uidColdkeys[uid] == account) amount += MetagraphWord.unclaimed(s.metagraph[uid]);
        }
    }

    /// @notice The UIDs of `coldkey` with rewards yet to claim.
    function unclaimedUids(SubnetState storage s, address coldkey) external view returns (uint256[] memory uids) {
        uint256 n = s.n;
        uids = new uint256[](n);
        uint256 count;
        for (uint256 uid; uid < n; ++uid) {
            if (s.uidColdkeys[uid] == coldkey && MetagraphWord.unclaimed(s.metagraph[uid]) != 0) uids[count++] = uid;
        }
        assembly ("memory-safe") {
            mstore(uids, count)
        }
    }

    function _neuron(SubnetState storage s, uint256 uid) private view returns (ISubnets.NeuronInfo memory info) {
        Neuron storage nr = s.neurons[uid];
        uint256 word = s.metagraph[uid];
        address hotkey = nr.hotkey;
        StakePool storage pool = s.pools[hotkey];
        info.uid = uint16(uid);
        info.hotkey = hotkey;
        info.coldkey = s.coldkeys[hotkey];
        info.registeredAt = uint64(s.epoch.registeredAt[uid >> 2] >> (64 * (uid & 3)));
        info.lastUpdate = s.lastUpdate[uid];
        info.consensus = MetagraphWord.field(word, MetagraphWord.CONSENSUS_SHIFT);
        info.incentive = MetagraphWord.field(word, MetagraphWord.INCENTIVE_SHIFT);
        info.dividends = MetagraphWord.field(word, MetagraphWord.DIVIDENDS_SHIFT);
        info.validatorTrust = MetagraphWord.field(word, MetagraphWord.VALIDATOR_TRUST_SHIFT);
        info.trust = MetagraphWord.field(word, MetagraphWord.TRUST_SHIFT);
        info.rank = info.incentive;
        info.emission = MetagraphWord.emission(word);
        info.unclaimed = MetagraphWord.unclaimed(word);
        info.validatorPermit = s.validatorPermits & (uint256(1) << uid) != 0;
        (info.stake, info.pendingStake, ) = SubnetRewards.poolView(s, pool);
    }
}
