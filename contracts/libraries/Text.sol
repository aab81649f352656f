// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Text
/// @notice Character rules for the registry's names. Each check is a single pass over the bytes; callers
/// revert with their own error so that the error names the field that is wrong.
library Text {
    // Character classes as bitmaps over ASCII: bit c is set when byte c is allowed. One shift and mask per
    // character instead of a chain of range comparisons.
    uint256 private constant DIGITS = 0x3ff << 0x30; // 0-9
    uint256 private constant LOWER = 0x3ffffff << 0x61; // a-z
    uint256 private constant UPPER = 0x3ffffff << 0x41; // A-Z
    uint256 private constant SLUG_CHARS = LOWER | DIGITS | (1 << 0x2d); // a-z 0-9 -
    uint256 private constant TAG_CHARS = LOWER | UPPER | DIGITS | (1 << 0x2e) | (1 << 0x2d) | (1 << 0x5f) | (1 << 0x2b); // . - _ +
    uint256 private constant LICENSE_CHARS =
        LOWER | UPPER | DIGITS | (1 << 0x2e) | (1 << 0x2d) | (1 << 0x2b) | (1 << 0x3a) | (1 << 0x20) | (1 << 0x28) | (1 << 0x29); // . - + : space ( )

    uint256 internal constant SLUG_MIN = 3;
    uint256 internal constant SLUG_MAX = 64;
    uint256 internal constant TAG_MAX = 31;
    uint256 internal constant LICENSE_MAX = 64;

    /// @notice A slug is 3 to 64 of `a-z`, `0-9` and `-`, and neither starts nor ends with `-`, so that it can
    /// stand in a URL, a file name or a command line unquoted.
    function isSlug(string calldata slug) internal pure returns (bool) {
        bytes calldata b = bytes(slug);
        uint256 length = b.length;
        if (length < SLUG_MIN || length > SLUG_MAX) return false;
        if (b[0] == "-" || b[length - 1] == "-") return false;
        return _allIn(b, SLUG_CHARS);
    }

    /// @notice A version tag is 1 to 31 of `A-Z`, `a-z`, `0-9`, `.`, `-`, `_` and `+` (semantic versions with
    /// pre-release and build parts fit), so it packs into one storage word.
    function isTag(string calldata tag) internal pure returns (bool) {
        bytes calldata b = bytes(tag);
        uint256 length = b.length;
        if (length == 0 || length > TAG_MAX) return false;
        return _allIn(b, TAG_CHARS);
    }

    /// @notice A licence is an SPDX identifier or expression of 1 to 64 characters: `A-Z`, `a-z`, `0-9`, `.`,
    /// `-`, `+`, `:` and, for expressions such as `Apache-2.0 OR MIT`, spaces and parentheses.
    function isLicense(string calldata license) internal pure returns (bool) {
        bytes calldata b = bytes(license);
        uint256 length = b.length;
        if (length == 0 || length > LICENSE_MAX) return false;
        if (b[0] == " " || b[length - 1] == " ") return false;
        return _allIn(b, LICENSE_CHARS);
    }

    /// @dev Whether every byte of `b` has its bit set in `allowed`. Bytes >= 0x80 shift the mask to zero.
    function _allIn(bytes calldata b, uint256 allowed) private pure returns (bool) {
        for (uint256 i; i < b.length; ++i) {
            if ((allowed >> uint8(b[i])) & 1 == 0) return false;
        }
        return true;
    }
}
