// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {INetworkEmission} from "../../contracts/interfaces/INetworkEmission.sol";

/// @notice The network emission's rules as the invariant handler states them, apart from its state: the ballots it
/// tries (valid ones and every kind of bad one), and which error, with which values, the emission must refuse a vote
/// or a change of settings with.
library EmissionRules {
    /// @notice Subnets 1 to 6 reward in the protocol token; 7 rewards in another token; 8 does not exist.
    uint256 internal constant SUBNETS = 6;
    uint256 internal constant FOREIGN = 7;
    uint256 internal constant UNKNOWN = 8;
    uint256 internal constant BPS = 10_000;

    /// @dev A ballot of `netuids` and `bps`. `mode` 0: a withdrawal (empty); 1: lengths that differ; 2: seventeen
    /// subnets; 3: a zero weight; 4: subnets out of order; 5: weights above 10,000; 6: a subnet that does not exist
    /// or rewards in another token; otherwise a valid ballot over one to six subnets (9: weights adding up to exactly
    /// 10,000; else at most 10,000 / count each).
    function ballot(uint256 pickSeed, uint256 bpsSeed, uint256 mode)
        internal
        pure
        returns (uint256[] memory netuids, uint16[] memory bps)
    {
        mode %= 16;
        if (mode == 0) return (netuids, bps);
        if (mode == 2) {
            (netuids, bps) = (new uint256[](17), new uint16[](17));
            for (uint256 i; i < 17; ++i) {
                (netuids[i], bps[i]) = (i + 1, 1);
            }
            return (netuids, bps);
        }
        uint256 picked = pickSeed % (1 << SUBNETS);
        if (picked == 0) picked = 1 << ((pickSeed >> 8) % SUBNETS);
        uint256 count;
        for (uint256 b = picked; b != 0; b >>= 1) {
            count += b & 1;
        }
        netuids = new uint256[](count + (mode == 6 ? 1 : 0));
        bps = new uint16[](mode == 1 ? count + 1 : netuids.length);
        uint256 k;
        for (uint256 n = 1; n <= SUBNETS; ++n) {
            if (picked & (1 << (n - 1)) != 0) netuids[k++] = n;
        }
        uint256 each = BPS / netuids.length;
        uint256 sum;
        for (uint256 i; i < bps.length; ++i) {
            bps[i] = uint16(1 + (bpsSeed >> (14 * i)) % each);
            sum += bps[i];
        }
        uint256 last = netuids.length - 1;
        if (mode == 3) bps[(bpsSeed >> 200) % netuids.length] = 0;
        // Out of order: swapped, or the same subnet twice.
        if (mode == 4 && count > 1) {
            (netuids[0], netuids[1]) = (netuids[1], (bpsSeed >> 200) % 2 == 0 ? netuids[0] : netuids[1]);
        }
        if (mode == 5) bps[last] = uint16(count == 1 ? BPS + 1 : BPS);
        if (mode == 6) netuids[last] = [FOREIGN, UNKNOWN, uint256(1) << 32][(bpsSeed >> 200) % 3];
        if (mode == 9) bps[last] = uint16(BPS - (sum - bps[last]));
    }

    /// @dev Why `voter`'s `vote(netuids, bps)` must be refused (the revert data), or empty if it must succeed, when
    /// its power is `power` and subnet {FOREIGN} rewards in `foreignToken`: in the order the emission checks.
    function voteRefusal(
        address voter,
        uint256 power,
        address foreignToken,
        uint256[] memory netuids,
        uint16[] memory bps
    ) internal pure returns (bytes memory) {
        uint256 count = netuids.length;
        if (count != bps.length) {
            return abi.encodeWithSelector(INetworkEmission.EmissionLengthMismatch.selector, count, bps.length);
        }
        if (count > 16) return abi.encodeWithSelector(INetworkEmission.EmissionTooManySubnets.selector, count, 16);
        if (count != 0 && power == 0) {
            return abi.encodeWithSelector(INetworkEmission.EmissionNoVotingPower.selector, voter);
        }
        uint256 sum;
        for (uint256 i; i < count; ++i) {
            uint256 netuid = netuids[i];
            if (i != 0 && netuid <= netuids[i - 1]) {
                return abi.encodeWithSelector(INetworkEmission.EmissionSubnetsNotAscending.selector, i);
            }
            if (bps[i] == 0) return abi.encodeWithSelector(INetworkEmission.EmissionZeroWeight.selector, netuid);
            if (netuid == FOREIGN) {
                bytes4 mismatch = INetworkEmission.EmissionRewardTokenMismatch.selector;
                return abi.encodeWithSelector(mismatch, netuid, foreignToken);
            }
            if (netuid > SUBNETS) {
                return abi.encodeWithSelector(INetworkEmission.EmissionUnknownSubnet.selector, netuid);
            }
            sum += bps[i];
        }
        if (sum > BPS) return abi.encodeWithSelector(INetworkEmission.EmissionWeightsExceedTotal.selector, sum);
        return "";
    }

    /// @dev Why `caller`'s `setSettings(s)` must be refused (the revert data), or empty: in the order the emission
    /// checks.
    function settingsRefusal(address caller, address timelock, INetworkEmission.EmissionSettings memory s)
        internal
        pure
        returns (bytes memory)
    {
        bytes4 selector = INetworkEmission.EmissionSettingOutOfBounds.selector;
        if (caller != timelock) return abi.encodeWithSelector(INetworkEmission.EmissionOnlyTimelock.selector, caller);
        if (s.periodLength < 1 hours || s.periodLength > 90 days) {
            return abi.encodeWithSelector(selector, "periodLength", s.periodLength, 1 hours, 90 days);
        }
        if (s.rateBps < 1 || s.rateBps > 1000) return abi.encodeWithSelector(selector, "rateBps", s.rateBps, 1, 1000);
        if (s.capBps < 500 || s.capBps > BPS) return abi.encodeWithSelector(selector, "capBps", s.capBps, 500, BPS);
        if (s.graceBlocks > 1_000_000) {
            return abi.encodeWithSelector(selector, "graceBlocks", s.graceBlocks, 0, 1_000_000);
        }
        if (s.minValidators < 1 || s.minValidators > 64) {
            return abi.encodeWithSelector(selector, "minValidators", s.minValidators, 1, 64);
        }
        return "";
    }
}
