// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// A test double that acts for whoever deployed it, as an attacker's contract would, and forwards any call.
// solhint-disable avoid-tx-origin, avoid-low-level-calls, gas-custom-errors

import {ISubnets} from "../interfaces/ISubnets.sol";

interface IMintable {
    function mint(address to, uint256 amount) external;
    function approve(address spender, uint256 amount) external returns (bool);
}

/// @notice Test double: a contract hotkey that registers itself on creation (paying with freshly minted reward
/// tokens) and forwards its deployer's calls, so that benches and tests fill subnets without funding accounts.
contract MockHotkey {
    address private immutable _controller;

    constructor(ISubnets subnets, uint256 netuid, IMintable rewardToken, uint256 maxPrice, address coldkey) {
        _controller = msg.sender == tx.origin ? msg.sender : tx.origin;
        rewardToken.mint(address(this), maxPrice);
        rewardToken.approve(address(subnets), maxPrice);
        subnets.register(netuid, address(this), coldkey, maxPrice);
    }

    function execute(address target, bytes calldata data) external returns (bytes memory) {
        require(msg.sender == _controller, "controller only");
        (bool ok, bytes memory result) = target.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 32), mload(result))
            }
        }
        return result;
    }
}

/// @notice Test double: registers `count` {MockHotkey}s in one transaction.
contract MockHotkeyFactory {
    event HotkeysCreated(address[] hotkeys);

    function create(ISubnets subnets, uint256 netuid, IMintable rewardToken, uint256 maxPrice, uint256 count)
        external
        returns (address[] memory hotkeys)
    {
        hotkeys = new address[](count);
        for (uint256 i; i < count; ++i) {
            hotkeys[i] = address(new MockHotkey(subnets, netuid, rewardToken, maxPrice, tx.origin));
        }
        emit HotkeysCreated(hotkeys);
    }
}
