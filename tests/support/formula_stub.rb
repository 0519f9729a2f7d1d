# Loads a Homebrew formula without Homebrew, with just enough of the formula DSL to check it
# here (tests/e2e/packaging.sh). Only what gover's formula uses is provided; anything else
# fails loudly (NoMethodError), which is the point: the test then says what is unsupported.
#
#   ruby formula_stub.rb describe <formula.rb> <prefix>
#       Runs `install` with `system` recorded instead of run, and prints one line per fact:
#         url <url> / sha256 <hex> / homepage <url> / depends_on <name> [<tag>]
#         system <arg>\x1f<arg>...           (each command the formula runs)
#         install <dir-method> <source> <target-name>
#         caveats <first line>
#   ruby formula_stub.rb test <formula.rb> <prefix> <testpath>
#       Runs the `test do` block with bin, libexec, ... under <prefix> and testpath <testpath>;
#       exits non-zero with the failed assertion's message.

require "pathname"
require "open3"

module OS
  def self.mac? = RUBY_PLATFORM.include?("darwin")
  def self.linux? = RUBY_PLATFORM.include?("linux")
end

module Hardware
  module CPU
    def self.arm? = RUBY_PLATFORM.match?(/arm64|aarch64/)
    def self.intel? = !arm?
  end
end

class AssertionFailed < StandardError; end

# What Formula["name"] returns: only opt_prefix is used.
class DependencyStub
  def initialize(name) = @name = name
  def opt_prefix = Pathname("/stub/opt/#{@name}")
end

# bash_completion, zsh_completion, ...: records `install` calls.
class InstallDir
  attr_reader :method_name

  def initialize(method_name, formula)
    @method_name = method_name
    @formula = formula
  end

  def install(*sources)
    sources.each do |source|
      if source.is_a?(Hash)
        source.each { |from, to| @formula.installs << [@method_name, from.to_s, to.to_s] }
      else
        @formula.installs << [@method_name, source.to_s, File.basename(source.to_s)]
      end
    end
  end
end

class Formula
  class << self
    attr_reader :facts

    def inherited(subclass)
      super
      subclass.instance_variable_set(:@facts, [])
      @last = subclass
    end

    attr_reader :last

    def desc(text) = @facts << ["desc", text]
    def homepage(url) = @facts << ["homepage", url]
    def url(url, **) = @facts << ["url", url]
    def sha256(hex) = @facts << ["sha256", hex]
    def license(text) = @facts << ["license", text.to_s]

    def depends_on(spec)
      if spec.is_a?(Hash)
        spec.each { |name, tag| @facts << ["depends_on", "#{name} #{Array(tag).join(",")}"] }
      else
        @facts << ["depends_on", spec.to_s]
      end
    end

    def uses_from_macos(name, **) = @facts << ["uses_from_macos", name.to_s]
    def test(&block) = @test_block = block

    attr_reader :test_block

    def [](name) = DependencyStub.new(name)
  end

  attr_reader :installs, :commands
  attr_accessor :prefix, :testpath

  def initialize(prefix, testpath = nil)
    @prefix = Pathname(prefix)
    @testpath = testpath && Pathname(testpath)
    @installs = []
    @commands = []
  end

  def fact(name) = self.class.facts.find { |key, _| key == name }&.last

  # Homebrew takes the version from the URL when the formula does not state one.
  def version = fact("url")[/-(\d+(?:\.\d+)+)\.tar/, 1]

  def bin = prefix/"bin"
  def libexec = prefix/"libexec"
  def opt_libexec = libexec
  def share = prefix/"share"
  def man1 = share/"man/man1"
  def bash_completion = InstallDir.new("bash_completion", self)
  def zsh_completion = InstallDir.new("zsh_completion", self)
  def fish_completion = InstallDir.new("fish_completion", self)

  # Homebrew's std_cmake_args, as of Homebrew 4.
  def std_cmake_args
    %W[
      -DCMAKE_INSTALL_PREFIX=#{prefix} -DCMAKE_INSTALL_LIBDIR=lib -DCMAKE_BUILD_TYPE=Release
      -DCMAKE_FIND_FRAMEWORK=LAST -DCMAKE_VERBOSE_MAKEFILE=ON -Wno-dev -DBUILD_TESTING=OFF
    ]
  end

  def system(*args) = @commands << args.map(&:to_s)

  def shell_output(command, expected_status = 0)
    out, status = Open3.capture2(ENV.to_h, command)
    unless status.exitstatus == expected_status
      raise AssertionFailed, "`#{command}` exited #{status.exitstatus}, not #{expected_status}"
    end

    out
  end

  def assert_match(pattern, text)
    ok = pattern.is_a?(Regexp) ? pattern.match?(text) : text.include?(pattern)
    raise AssertionFailed, "expected #{text.inspect} to match #{pattern.inspect}" unless ok
  end

  def assert_equal(expected, actual)
    return if expected == actual

    raise AssertionFailed, "expected #{expected.inspect}, got #{actual.inspect}"
  end

  def assert_predicate(object, predicate)
    raise AssertionFailed, "expected #{object} to be #{predicate}" unless object.public_send(predicate)
  end

  def assert_path_exists(path)
    raise AssertionFailed, "expected #{path} to exist" unless File.exist?(path)
  end
end

mode, formula_file, prefix, testpath = ARGV
abort "usage: formula_stub.rb describe|test <formula.rb> <prefix> [testpath]" unless formula_file && prefix
load formula_file
klass = Formula.last
abort "#{formula_file} defines no Formula subclass" unless klass

case mode
when "describe"
  formula = klass.new(prefix)
  formula.install
  klass.facts.each { |key, value| puts "#{key} #{value}" }
  formula.commands.each { |args| puts "system #{args.join("\x1f")}" }
  formula.installs.each { |method, from, to| puts "install #{method} #{from} #{to}" }
  puts "caveats #{formula.caveats.lines.first&.chomp}"
when "test"
  abort "test needs a testpath" unless testpath
  formula = klass.new(prefix, testpath)
  begin
    Dir.chdir(testpath) { formula.instance_eval(&klass.test_block) }
  rescue AssertionFailed => e
    abort "formula test failed: #{e.message}"
  end
  puts "formula test passed"
else
  abort "unknown mode #{mode.inspect}"
end
