// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";

import {EpochMath, MedianInputs} from "../../contracts/subnets/epoch/EpochMath.sol";

/// @notice The epoch's helpers against plain, slow Solidity versions of the same rules.
contract EpochMathTest is Test {
    // -----------------------------------------------------------------------------------------------------------
    // Random inputs from one seed
    // -----------------------------------------------------------------------------------------------------------

    function _word(uint256 seed, uint256 i) private pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, i)));
    }

    /// A column of `m` scores drawn from a few values (so ties occur), stakes summing to about 2^32 with zeros.
    function _column(uint256 seed, uint256 m)
        private
        pure
        returns (uint256[] memory scores, uint256[] memory stake, uint256 stakeSum)
    {
        scores = new uint256[](m);
        stake = new uint256[](m);
        uint256 distinct = 1 + (_word(seed, 999) % 6);
        for (uint256 k; k < m; ++k) {
            uint256 r = _word(seed, k);
            scores[k] = (r % distinct) * (1 << 28) + (r >> 200) % 3;
            stake[k] = (r >> 100) % 4 == 0 ? 0 : ((r >> 64) % (1 << 32)) / m;
            stakeSum += stake[k];
        }
    }

    function _median(uint256[] memory scores, uint256[] memory stake, int256 minority, uint256 stakeSum)
        private
        pure
        returns (uint256)
    {
        uint256 m = scores.length;
        MedianInputs memory inputs;
        inputs.stake = stake;
        inputs.members = new uint256[](m);
        for (uint256 k; k < m; ++k) inputs.members[k] = k;
        inputs.buffers = new uint256[](3 * m + 3);
        inputs.minority = minority;
        inputs.stakeSum = int256(stakeSum);
        return EpochMath.weightedMedian(scores, 0, inputs);
    }

    /// subtensor's `weighted_median`, written out: the middle of the current list as pivot, lists kept in order.
    function _medianReference(uint256[] memory scores, uint256[] memory stake, int256 minority, uint256 stakeSum)
        private
        pure
        returns (uint256)
    {
        uint256[] memory current = new uint256[](scores.length);
        for (uint256 k; k < scores.length; ++k) current[k] = k;
        int256 lo;
        int256 hi = int256(stakeSum);
        for (uint256 iteration; iteration <= scores.length; ++iteration) {
            uint256 n = current.length;
            if (n == 0) return 0;
            if (n == 1) return scores[current[0]];
            uint256 pivot = scores[current[n / 2]];
            (uint256[] memory lower, uint256[] memory upper, int256 loStake, int256 hiStake) =
                _partition(scores, stake, current, pivot);
            if (minority < lo + loStake && lower.length > 0) {
                hi = lo + loStake;
                current = lower;
            } else if (hi - hiStake <= minority && upper.length > 0) {
                lo = hi - hiStake;
                current = upper;
            } else {
                return pivot;
            }
        }
        return 0;
    }

    function _partition(uint256[] memory scores, uint256[] memory stake, uint256[] memory current, uint256 pivot)
        private
        pure
        returns (uint256[] memory lower, uint256[] memory upper, int256 loStake, int256 hiStake)
    {
        uint256 n = current.length;
        lower = new uint256[](n);
        upper = new uint256[](n);
        uint256 nl;
        uint256 nu;
        for (uint256 t; t < n; ++t) {
            uint256 idx = current[t];
            if (scores[idx] < pivot) {
                loStake += int256(stake[idx]);
                lower[nl++] = idx;
            } else if (scores[idx] > pivot) {
                hiStake += int256(stake[idx]);
                upper[nu++] = idx;
            }
        }
        // Trims the lists to their lengths.
        assembly ("memory-safe") {
            mstore(lower, nl)
            mstore(upper, nu)
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // Weighted median
    // -----------------------------------------------------------------------------------------------------------

    function testFuzz_weightedMedian_matchesReference(uint256 seed, uint8 size, uint8 kappa) public pure {
        uint256 m = size % 40;
        (uint256[] memory scores, uint256[] memory stake, uint256 stakeSum) = _column(seed, m);
        // Kappa at its extremes too: the minority may be negative or reach the whole stake.
        int256 minority = int256(stakeSum) - int256(EpochMath.proportion(kappa == 255 ? 65535 : uint256(kappa) * 257));
        assertEq(_median(scores, stake, minority, stakeSum), _medianReference(scores, stake, minority, stakeSum));
    }

    /// The partition's answer is the first score at which the stake at or below it exceeds the minority (the
    /// largest score when none does): the property that makes the consensus a stake-weighted median.
    function testFuzz_weightedMedian_crossesTheMinority(uint256 seed, uint8 size) public pure {
        uint256 m = 1 + (size % 40);
        (uint256[] memory scores, uint256[] memory stake, uint256 stakeSum) = _column(seed, m);
        int256 minority = int256(stakeSum) - int256(EpochMath.proportion(32767));
        uint256 med = _median(scores, stake, minority, stakeSum);
        uint256 below;
        uint256 atOrBelow;
        uint256 max;
        for (uint256 k; k < m; ++k) {
            if (scores[k] < med) below += stake[k];
            if (scores[k] <= med) atOrBelow += stake[k];
            if (scores[k] > max) max = scores[k];
        }
        assertLe(below, uint256(minority), "stake below the median");
        assertTrue(int256(atOrBelow) > minority || med == max, "stake at or below the median");
    }

    /// Adversarial columns (every score distinct and sorted, either way) select the reference's median: the
    /// selection's pivots, the median of three, never drop fewer than their own keys.
    function testFuzz_weightedMedian_sortedColumns(uint256 seed, uint8 size, bool descending) public pure {
        uint256 m = 1 + (size % 64);
        uint256[] memory scores = new uint256[](m);
        uint256[] memory stake = new uint256[](m);
        uint256 stakeSum;
        for (uint256 k; k < m; ++k) {
            scores[k] = descending ? (m - k) << 20 : (k + 1) << 20;
            stake[k] = 1 + (_word(seed, k) % (1 << 26));
            stakeSum += stake[k];
        }
        int256 minority = int256(_word(seed, 1000) % stakeSum);
        assertEq(_median(scores, stake, minority, stakeSum), _medianReference(scores, stake, minority, stakeSum));
    }

    function test_weightedMedian_emptyAndSingle() public pure {
        uint256[] memory none = new uint256[](0);
        assertEq(_median(none, none, 0, 0), 0);
        uint256[] memory one = new uint256[](1);
        one[0] = 7;
        uint256[] memory zero = new uint256[](1);
        assertEq(_median(one, zero, -1, 0), 7, "a single member is the median whatever its stake");
    }

    // -----------------------------------------------------------------------------------------------------------
    // Permits, lanes, proportions
    // -----------------------------------------------------------------------------------------------------------

    function testFuzz_topKNonzero_matchesStableSort(uint256 seed, uint8 size, uint8 k) public pure {
        uint256 n = size % 80;
        uint256[] memory values = new uint256[](n);
        for (uint256 i; i < n; ++i) values[i] = _word(seed, i) % 5 == 0 ? 0 : _word(seed, i) % 7;
        uint256 bits = EpochMath.topKNonzero(values, k % 90);
        for (uint256 i; i < n; ++i) {
            // Position of i in a stable ascending sort: smaller values, then equal values at lower indices.
            uint256 position;
            for (uint256 j; j < n; ++j) {
                if (values[j] < values[i] || (values[j] == values[i] && j < i)) ++position;
            }
            bool expected = values[i] != 0 && (n < k % 90 || position >= n - k % 90);
            assertEq((bits >> i) & 1 == 1, expected);
        }
        assertEq(bits >> n, 0, "no bit past n");
    }

    function testFuzz_sumLanes(uint256 word) public pure {
        uint256 sum;
        for (uint256 l; l < 16; ++l) sum += (word >> (16 * l)) & 0xffff;
        assertEq(EpochMath.sumLanes(word), sum);
    }

    function testFuzz_nonzeroLanes(uint256 word) public pure {
        uint256 expected;
        for (uint256 l; l < 16; ++l) {
            if ((word >> (16 * l)) & 0xffff != 0) expected |= uint256(0xffff) << (16 * l);
        }
        assertEq(EpochMath.nonzeroLanes(word), expected);
    }

    function test_nonzeroLanes_edges() public pure {
        assertEq(EpochMath.nonzeroLanes(0), 0);
        assertEq(EpochMath.nonzeroLanes(type(uint256).max), type(uint256).max);
        // Lanes of 1, 0x8000 and 0x7fff are nonzero; a zero lane between them stays zero.
        assertEq(EpochMath.nonzeroLanes(1 | (uint256(0x8000) << 32) | (uint256(0x7fff) << 240)), 0xffff | (uint256(0xffff) << 32) | (uint256(0xffff) << 240));
    }

    function test_proportionAndToU16() public pure {
        assertEq(EpochMath.proportion(65535), 1 << 32, "65535 is one");
        assertEq(EpochMath.proportion(32767), ((uint256(32767) << 32) / 65535));
        assertEq(EpochMath.toU16(1 << 32), 65535, "one is 65535");
        assertEq(EpochMath.toU16(1 << 31), 32767, "a half floors");
        assertEq(EpochMath.toU16(3 << 32), 65535, "capped");
        assertEq(EpochMath.toU16(0), 0);
    }
}
