package org.pdrop.record;

import java.util.List;

/**
 * One qdisc change of a recording, as {@code pdrop-record.json} reports it.
 *
 * @param previous the root qdisc that was replaced; {@code null}: the kernel's default
 * @param applied the change was made
 * @param restored the device was checked to be as before afterwards; {@code null}: not undone yet
 */
public record QdiscChange(String device, Qdisc previous, List<String> command, List<String> restoreCommand,
        boolean applied, Boolean restored) {
    public QdiscChange {
        command = List.copyOf(command);
        restoreCommand = List.copyOf(restoreCommand);
    }
}
