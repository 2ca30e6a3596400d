/**
 * What every view written as a fold shares: the event a fold receives ({@link dev.kehu.query.fold.FoldEvent}) and how
 * a view is read as of a past instant or position ({@link dev.kehu.query.fold.AsOf}, {@link dev.kehu.query.fold.AggregateEvents}).
 * A fold is a pure function (view, event) → view; runners around it read and write the stored documents.
 */
package dev.kehu.query.fold;
