/// What staff do at a node, shared by the command line and the web interface.
///
/// Every service takes the acting person (``StaffMember``), checks what the person may do,
/// changes the store in one transaction, and appends to the audit log in that same
/// transaction.
public enum BaoCaoServices {}
