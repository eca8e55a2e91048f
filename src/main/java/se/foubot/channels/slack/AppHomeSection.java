package se.foubot.channels.slack;

import java.util.List;

import com.slack.api.model.block.LayoutBlock;

/** A feature's part of the App Home tab (its tasks, its meetings); {@link #order()} places it, smaller first. */
public interface AppHomeSection {

    int order();

    /** @return the blocks for {@code user}; empty to show nothing */
    List<LayoutBlock> blocks(String user);
}
