package dev.kehu.command.web;

import org.axonframework.modelling.command.AggregateNotFoundException;

/** A command named an aggregate that does not exist: answered 404 "no &lt;name&gt; with id &lt;id&gt;". */
public class UnknownAggregate extends AggregateNotFoundException {

    private final String aggregateName;

    public UnknownAggregate(String aggregateName, String aggregateId) {
        super(aggregateId, "no " + aggregateName + " with id " + aggregateId);
        this.aggregateName = aggregateName;
    }

    public String aggregateName() {
        return aggregateName;
    }
}
