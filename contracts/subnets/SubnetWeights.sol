// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ISubnets} from "../interfaces/ISubnets.sol";
import {SubnetState, WeightCommit, WeightSums} from "./SubnetStorage.sol";

/// @title SubnetWeights
/// @notice Weights of the subnet contract: commit, reveal and direct setting, with subtensor's `do_set_weights`
/// checks. Linked (an external library, called by delegatecall, so `msg.sender` is the hotkey calling the subnet
/// contract), which keeps the subnet contract under the code size limit. The caller checks no epoch runs.
library SubnetWeights {
    /// @notice Commits the caller's UID to weights by their hash, replacing any pending commit. The commit keeps the
    /// rules in force now: its reveal epoch (this epoch plus the reveal period) and the lowest version key its reveal
    /// may carry (the subnet's `weightsVersionKey`), so that no later change of either voids or moves it.
    function commit(SubnetState storage s, uint256 netuid, bytes32 hash) external {
        if (!s.params.commitReveal) revert ISubnets.SubnetCommitRevealDisabled(netuid);
        uint256 uid = _uidOfCaller(s, netuid);
        WeightCommit storage c = s.commits[uid];
        _checkRateLimit(s, uid, c.blockNumber);
        uint64 epoch = s.epochNumber;
        // Both read before any write, from the word that held `commitReveal`.
        uint64 revealPeriod = s.params.revealPeriod;
        uint64 versionKeyFloor = s.params.weightsVersionKey;
        // Overflow not possible: completed epochs stay far below 2^64 - 255 (one epoch takes at least a block).
        uint64 revealEpoch;
        unchecked {
            revealEpoch = epoch + revealPeriod;
        }
        c.hash = hash;
        c.epoch = epoch;
        c.blockNumber = uint64(block.number);
        c.revealEpoch = revealEpoch;
        c.versionKeyFloor = versionKeyFloor;
        emit ISubnets.WeightsCommitted(netuid, uid, hash, revealEpoch);
    }

    /// @notice Reveals the caller's pending commit in its reveal epoch and stores the weights. The reveal epoch and
    /// the version key floor are the commit's own (see {commit}), whatever the hyperparameters say now.
    function reveal(
        SubnetState storage s,
        uint256 netuid,
        uint16[] calldata uids,
        uint16[] calldata weights,
        bytes32 salt,
        uint64 versionKey
    ) external {
        if (!s.params.commitReveal) revert ISubnets.SubnetCommitRevealDisabled(netuid);
        uint256 uid = _uidOfCaller(s, netuid);
        WeightCommit storage c = s.commits[uid];
        bytes32 committed = c.hash;
        if (committed == 0) revert ISubnets.SubnetNoCommit(uid);
        uint256 revealEpoch = c.revealEpoch;
        uint256 epochNumber = s.epochNumber;
        if (epochNumber < revealEpoch) revert ISubnets.SubnetRevealTooEarly(uid, epochNumber, revealEpoch);
        if (epochNumber > revealEpoch) revert ISubnets.SubnetRevealExpired(uid, epochNumber, revealEpoch);
        bytes32 hash = keccak256(abi.encode(msg.sender, netuid, uids, weights, salt, versionKey));
        if (hash != committed) revert ISubnets.SubnetRevealMismatch(uid, hash, committed);
        // The commit is consumed; its block stays for the commit rate limit.
        c.hash = 0;
        _checkVersion(versionKey, c.versionKeyFloor);
        _store(s, uid, uids, weights);
        emit ISubnets.WeightsSet(netuid, uid, true);
    }

    /// @notice Sets the caller's weights directly (subnets without commit and reveal).
    function set(
        SubnetState storage s,
        uint256 netuid,
        uint16[] calldata uids,
        uint16[] calldata weights,
        uint64 versionKey
    ) external {
        if (s.params.commitReveal) revert ISubnets.SubnetCommitRevealEnabled(netuid);
        uint256 uid = _uidOfCaller(s, netuid);
        _checkRateLimit(s, uid, s.lastUpdate[uid]);
        _checkVersion(versionKey, s.params.weightsVersionKey);
        _store(s, uid, uids, weights);
        emit ISubnets.WeightsSet(netuid, uid, false);
    }

    function _uidOfCaller(SubnetState storage s, uint256 netuid) private view returns (uint256) {
        uint256 plusOne = s.uidPlusOne[msg.sender];
        if (plusOne == 0) revert ISubnets.SubnetNotRegistered(netuid, msg.sender);
        return plusOne - 1;
    }

    /// subtensor's `check_version_key` against `required` (the subnet's key, or a commit's floor): a key of 0
    /// accepts any version.
    function _checkVersion(uint256 versionKey, uint256 required) private pure {
        if (versionKey < required) revert ISubnets.SubnetWeightsVersionTooLow(versionKey, required);
    }

    function _checkRateLimit(SubnetState storage s, uint256 uid, uint256 last) private view {
        if (last == 0) return;
        uint256 next = last + s.params.weightsRateLimit;
        if (block.number < next) revert ISubnets.SubnetWeightsRateLimited(uid, next);
    }

    /// subtensor's `do_set_weights` checks, then the weights max-upscaled to u16 (each `w * 65535 / max`, floored)
    /// and packed into the UID's row. A UID named with a zero weight is recorded as such (see `weightZeros`): it
    /// stays an entry of the row, as in subtensor's storage, where an unnamed UID is none.
    function _store(SubnetState storage s, uint256 uid, uint16[] calldata uids, uint16[] calldata weights) private {
        uint256 len = uids.length;
        if (len != weights.length) revert ISubnets.SubnetWeightsLengthMismatch(len, weights.length);
        uint256 n = s.n;
        // Self-weight alone needs no permit and no minimum count.
        if (!(len == 1 && uids[0] == uid)) {
            uint256 minWeights = s.params.minAllowedWeights;
            if (minWeights > n) minWeights = n;
            if (len < minWeights) revert ISubnets.SubnetTooFewWeights(len, minWeights);
            if (s.validatorPermits & (uint256(1) << uid) == 0) revert ISubnets.SubnetNoValidatorPermit(uid);
        }
        // First the UIDs named (to refuse a duplicate), then those named with a zero weight: a zero stays zero when
        // max-upscaled and only a zero becomes one, so these are all the UIDs named when every weight is zero.
        uint256 zeros;
        uint256 max;
        for (uint256 i; i < len; ++i) {
            uint256 u = uids[i];
            if (u >= n) revert ISubnets.SubnetUidOutOfRange(u, n);
            uint256 bit = uint256(1) << u;
            if (zeros & bit != 0) revert ISubnets.SubnetWeightsDuplicateUid(u);
            zeros |= bit;
            if (weights[i] > max) max = weights[i];
        }
        uint256[16] memory row;
        uint256 sum;
        uint256 self;
        if (max != 0) {
            zeros = 0;
            for (uint256 i; i < len; ++i) {
                uint256 u = uids[i];
                uint256 value = (uint256(weights[i]) * 65_535) / max;
                row[u >> 4] |= value << ((u & 15) << 4);
                sum += value;
                if (u == uid) self = value;
                if (value == 0) zeros |= uint256(1) << u;
            }
        }
        // A row without zeros leaves its old `weightZeros` as they are: the cleared flag says they are stale.
        if (zeros != 0) s.weightZeros[uid] = zeros;
        s.weightSums[uid] = WeightSums.pack(sum, self, zeros != 0);
        uint256[16] storage stored = s.weights[uid];
        uint256 words = (n + 15) >> 4;
        for (uint256 w; w < words; ++w) stored[w] = row[w];
        s.lastUpdate[uid] = uint64(block.number);
    }
}
