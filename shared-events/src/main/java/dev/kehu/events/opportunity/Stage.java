package dev.kehu.events.opportunity;

/**
 * The one standard sales pipeline (标准销售流程). The open stages are ordered; {@link #WON} and
 * {@link #LOST} close an opportunity and are reached only by winning or losing it.
 */
public enum Stage {
    LEAD("线索"),
    QUALIFICATION("需求确认"),
    PROPOSAL("方案报价"),
    BIDDING("投标"),
    NEGOTIATION("谈判"),
    WON("赢单"),
    LOST("输单");

    private final String chineseName;

    Stage(String chineseName) {
        this.chineseName = chineseName;
    }

    /** The name users see and type, e.g. 方案报价. */
    public String chineseName() {
        return chineseName;
    }

    public boolean isClosed() {
        return this == WON || this == LOST;
    }

    public boolean isOpen() {
        return !isClosed();
    }

    /** True when {@code next} is the open stage directly after this one. */
    public boolean isDirectlyFollowedBy(Stage next) {
        return isOpen() && next.isOpen() && next.ordinal() == ordinal() + 1;
    }

    /** True when {@code next} is an open stage more than one step ahead of this one. */
    public boolean wouldSkipTo(Stage next) {
        return isOpen() && next.isOpen() && next.ordinal() > ordinal() + 1;
    }

    /** True when {@code next} is an open stage before this one. */
    public boolean wouldGoBackTo(Stage next) {
        return isOpen() && next.isOpen() && next.ordinal() < ordinal();
    }
}
