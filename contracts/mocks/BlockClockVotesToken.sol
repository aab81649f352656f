// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

/// @notice Test double: an ERC-20 with votes on OpenZeppelin's default clock, the block number, which the network
/// emission refuses (its periods are measured in seconds).
contract BlockClockVotesToken is ERC20, EIP712, ERC20Votes {
    /// @param supply Minted to the deployer.
    constructor(uint256 supply) ERC20("Block Votes", "BLOCK") EIP712("Block Votes", "1") {
        _mint(msg.sender, supply);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
