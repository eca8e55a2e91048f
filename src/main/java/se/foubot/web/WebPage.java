package se.foubot.web;

/**
 * A page of the staff web, with its entry in the navigation. A feature's page appears in the navigation by being a
 * controller that implements this; nothing lists the pages by hand.
 */
public interface WebPage {

    /** Where the page is, e.g. /dashboard/forum. */
    String path();

    /** What the navigation calls it (Swedish). */
    String title();

    /** Its place in the navigation, smallest first. */
    int order();
}
