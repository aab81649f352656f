// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";

import {Text} from "../../contracts/libraries/Text.sol";

/// @notice Exposes the internal {Text} checks with calldata arguments, as the registry calls them.
contract TextHarness {
    function isSlug(string calldata slug) external pure returns (bool) {
        return Text.isSlug(slug);
    }

    function isTag(string calldata tag) external pure returns (bool) {
        return Text.isTag(tag);
    }

    function isLicense(string calldata license) external pure returns (bool) {
        return Text.isLicense(license);
    }
}

contract TextTest is Test {
    TextHarness internal text;

    /// @dev Characters at and around the edges of every allowed class, plus bytes outside ASCII.
    bytes internal constant NEAR_ALPHABET = hex"00092028292a2b2c2d2e2f30393a3b3f40415a5b5c5e5f60617a7b7c7e7f80c3e2ff";

    function setUp() public {
        text = new TextHarness();
    }

    // ============================================================ reference rules, written out plainly

    function _lower(bytes1 c) internal pure returns (bool) {
        return uint8(c) >= 0x61 && uint8(c) <= 0x7a;
    }

    function _upper(bytes1 c) internal pure returns (bool) {
        return uint8(c) >= 0x41 && uint8(c) <= 0x5a;
    }

    function _digit(bytes1 c) internal pure returns (bool) {
        return uint8(c) >= 0x30 && uint8(c) <= 0x39;
    }

    function _refSlug(bytes memory b) internal pure returns (bool) {
        if (b.length < 3 || b.length > 64) return false;
        if (b[0] == "-" || b[b.length - 1] == "-") return false;
        for (uint256 i; i < b.length; ++i) {
            if (!(_lower(b[i]) || _digit(b[i]) || b[i] == "-")) return false;
        }
        return true;
    }

    function _refTag(bytes memory b) internal pure returns (bool) {
        if (b.length < 1 || b.length > 31) return false;
        for (uint256 i; i < b.length; ++i) {
            bytes1 c = b[i];
            if (!(_lower(c) || _upper(c) || _digit(c) || c == "." || c == "-" || c == "_" || c == "+")) return false;
        }
        return true;
    }

    function _refLicense(bytes memory b) internal pure returns (bool) {
        if (b.length < 1 || b.length > 64) return false;
        if (b[0] == " " || b[b.length - 1] == " ") return false;
        for (uint256 i; i < b.length; ++i) {
            bytes1 c = b[i];
            bool ok = _lower(c) || _upper(c) || _digit(c) || c == "." || c == "-" || c == "+" || c == ":" || c == " "
                || c == "(" || c == ")";
            if (!ok) return false;
        }
        return true;
    }

    /// @dev `length` characters drawn from `pool` by a hash chain seeded with `seed`.
    function _draw(bytes memory pool, uint256 seed, uint256 length) internal pure returns (bytes memory out) {
        out = new bytes(length);
        for (uint256 i; i < length; ++i) {
            seed = uint256(keccak256(abi.encode(seed, i)));
            out[i] = pool[seed % pool.length];
        }
    }

    function _repeat(bytes1 c, uint256 length) internal pure returns (string memory) {
        bytes memory out = new bytes(length);
        for (uint256 i; i < length; ++i) {
            out[i] = c;
        }
        return string(out);
    }

    function _assertAgree(bytes memory b) internal view {
        assertEq(text.isSlug(string(b)), _refSlug(b), "isSlug differs from the reference");
        assertEq(text.isTag(string(b)), _refTag(b), "isTag differs from the reference");
        assertEq(text.isLicense(string(b)), _refLicense(b), "isLicense differs from the reference");
    }

    // ============================================================ fuzz: agreement with the reference

    function testFuzz_all_agreeWithReferenceOnRandomBytes(bytes calldata raw) public view {
        _assertAgree(raw);
    }

    /// @dev Random bytes almost never pass; strings over the allowed characters and their neighbours do.
    function testFuzz_all_agreeWithReferenceNearTheAlphabet(uint256 seed, uint256 length) public view {
        _assertAgree(_draw(NEAR_ALPHABET, seed, bound(length, 0, 70)));
    }

    function testFuzz_isSlug_agreesWithReferenceOverSlugCharacters(uint256 seed, uint256 length) public view {
        bytes memory b = _draw("abz09-", seed, bound(length, 0, 70));
        assertEq(text.isSlug(string(b)), _refSlug(b));
    }

    function testFuzz_isTag_agreesWithReferenceOverTagCharacters(uint256 seed, uint256 length) public view {
        bytes memory b = _draw("aZ9.-_+/", seed, bound(length, 0, 40));
        assertEq(text.isTag(string(b)), _refTag(b));
    }

    function testFuzz_isLicense_agreesWithReferenceOverLicenseCharacters(uint256 seed, uint256 length) public view {
        bytes memory b = _draw("aZ9.-+: ()", seed, bound(length, 0, 70));
        assertEq(text.isLicense(string(b)), _refLicense(b));
    }

    // ============================================================ fuzz: length boundaries

    function testFuzz_isSlug_lengthFrom3To64(uint256 length) public view {
        length = bound(length, 0, 300);
        assertEq(text.isSlug(_repeat("a", length)), length >= 3 && length <= 64);
    }

    function testFuzz_isTag_lengthFrom1To31(uint256 length) public view {
        length = bound(length, 0, 300);
        assertEq(text.isTag(_repeat("V", length)), length >= 1 && length <= 31);
    }

    function testFuzz_isLicense_lengthFrom1To64(uint256 length) public view {
        length = bound(length, 0, 300);
        assertEq(text.isLicense(_repeat("L", length)), length >= 1 && length <= 64);
    }

    // ============================================================ unit: slug

    function test_isSlug_acceptsBoundaryLengths() public view {
        assertTrue(text.isSlug("abc"));
        assertTrue(text.isSlug(_repeat("z", 64)));
        assertTrue(text.isSlug("a-0"));
    }

    function test_isSlug_rejectsOutOfRangeLengths() public view {
        assertFalse(text.isSlug(""));
        assertFalse(text.isSlug("ab"));
        assertFalse(text.isSlug(_repeat("z", 65)));
    }

    function test_isSlug_rejectsDashAtEitherEnd() public view {
        assertFalse(text.isSlug("-abc"));
        assertFalse(text.isSlug("abc-"));
        assertFalse(text.isSlug("---"));
        assertTrue(text.isSlug("a--b"));
    }

    function test_isSlug_acceptsExactlyItsCharacters() public view {
        for (uint256 c; c < 256; ++c) {
            bytes memory b = bytes.concat("ab", bytes1(uint8(c)), "cd");
            assertEq(text.isSlug(string(b)), _lower(bytes1(uint8(c))) || _digit(bytes1(uint8(c))) || c == 0x2d);
        }
    }

    // ============================================================ unit: tag

    function test_isTag_acceptsBoundaryLengths() public view {
        assertTrue(text.isTag("a"));
        assertTrue(text.isTag(_repeat("9", 31)));
        assertTrue(text.isTag("v1.2.0-rc.1+build_7"));
    }

    function test_isTag_rejectsOutOfRangeLengths() public view {
        assertFalse(text.isTag(""));
        assertFalse(text.isTag(_repeat("9", 32)));
    }

    function test_isTag_acceptsExactlyItsCharacters() public view {
        for (uint256 c; c < 256; ++c) {
            bytes1 b = bytes1(uint8(c));
            bool expected = _lower(b) || _upper(b) || _digit(b) || b == "." || b == "-" || b == "_" || b == "+";
            assertEq(text.isTag(string(bytes.concat("v", b, "1"))), expected);
            assertEq(text.isTag(string(bytes.concat(b))), expected, "single character");
        }
    }

    // ============================================================ unit: licence

    function test_isLicense_acceptsBoundaryLengthsAndExpressions() public view {
        assertTrue(text.isLicense("0"));
        assertTrue(text.isLicense(_repeat("L", 64)));
        assertTrue(text.isLicense("Apache-2.0 OR MIT"));
        assertTrue(text.isLicense("(MIT AND BSD-3-Clause)"));
        assertTrue(text.isLicense("LicenseRef-scancode:custom+"));
    }

    function test_isLicense_rejectsOutOfRangeLengths() public view {
        assertFalse(text.isLicense(""));
        assertFalse(text.isLicense(_repeat("L", 65)));
    }

    function test_isLicense_rejectsSpaceAtEitherEnd() public view {
        assertFalse(text.isLicense(" MIT"));
        assertFalse(text.isLicense("MIT "));
        assertFalse(text.isLicense(" "));
        assertTrue(text.isLicense("M I T"));
    }

    function test_isLicense_acceptsExactlyItsCharacters() public view {
        for (uint256 c; c < 256; ++c) {
            bytes1 b = bytes1(uint8(c));
            bool expected = _lower(b) || _upper(b) || _digit(b) || b == "." || b == "-" || b == "+" || b == ":"
                || b == " " || b == "(" || b == ")";
            assertEq(text.isLicense(string(bytes.concat("A", b, "B"))), expected);
        }
    }
}
