extension PersonnelRecord {
    /// The person's names (birth name, then other names) as search compares them:
    /// lower case, without diacritics, đ as d (``VietnameseText/searchKey(_:)``), so
    /// "nguyen van an" finds "Nguyễn Văn An". What the store indexes for search by name.
    public var searchKey: String {
        VietnameseText.searchKey([identity.fullName, identity.otherNames].compactMap { $0 }.joined(separator: " "))
    }

    /// Whether the names contain `query`, compared as ``searchKey`` compares them.
    public func matchesName(_ query: String) -> Bool {
        let key = VietnameseText.searchKey(query)
        return key.isEmpty || searchKey.contains(key)
    }
}
